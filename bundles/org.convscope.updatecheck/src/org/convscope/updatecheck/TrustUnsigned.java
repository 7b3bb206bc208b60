package org.convscope.updatecheck;

import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.equinox.p2.core.UIServices;

/**
 * The answers a person gives p2's dialogs during the check, without a dialog: Convscope's own
 * bundles are not signed, and p2 asks before installing unsigned content (in the product, p2's UI
 * asks in a dialog). Trusts unsigned content, trusts no certificate, and refuses to log in.
 */
final class TrustUnsigned extends UIServices {

    private final List<String> unsigned = new CopyOnWriteArrayList<>();

    /** @return what p2 asked to trust unsigned, one entry per artifact */
    List<String> unsigned() {
        return List.copyOf(unsigned);
    }

    @Override
    public AuthenticationInfo getUsernamePassword(String location) {
        return AUTHENTICATION_PROMPT_CANCELED;
    }

    @Override
    public AuthenticationInfo getUsernamePassword(String location, AuthenticationInfo previousInfo) {
        return AUTHENTICATION_PROMPT_CANCELED;
    }

    @Override
    public TrustInfo getTrustInfo(Certificate[][] untrustedChain, String[] unsignedDetail) {
        if (unsignedDetail != null) {
            unsigned.addAll(List.of(unsignedDetail));
        }
        return new TrustInfo(List.of(), List.of(), false, true);
    }
}
