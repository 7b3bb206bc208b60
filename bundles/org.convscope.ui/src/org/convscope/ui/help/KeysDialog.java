package org.convscope.ui.help;

import java.util.List;

import org.convscope.ui.CloseDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/** Help &gt; Keys: a table of {@link KeysTable} rows. Not modal, so it can stay open beside the graph. */
public final class KeysDialog extends CloseDialog {

    private final List<KeysTable.Row> rows;
    private Table table;

    /**
     * @param parent the window
     * @param rows   the keys
     */
    public KeysDialog(Shell parent, List<KeysTable.Row> rows) {
        super(parent);
        this.rows = List.copyOf(rows);
        setShellStyle(SWT.DIALOG_TRIM | SWT.RESIZE | SWT.MODELESS);
        setBlockOnOpen(false);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Messages.title);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Label intro = new Label(area, SWT.WRAP);
        intro.setText(Messages.intro);
        intro.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).hint(640, SWT.DEFAULT).create());
        table = new Table(area, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String title : new String[] { Messages.columnWhere, Messages.columnKeys, Messages.columnAction }) {
            new TableColumn(table, SWT.LEFT).setText(title);
        }
        for (KeysTable.Row r : rows) {
            new TableItem(table, SWT.NONE).setText(new String[] { r.where(), r.keys(), r.action() });
        }
        for (TableColumn c : table.getColumns()) {
            c.pack();
        }
        table.setLayoutData(GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 600).create());
        return area;
    }

    /** @return the table (tests read its rows) */
    public Table table() {
        return table;
    }
}
