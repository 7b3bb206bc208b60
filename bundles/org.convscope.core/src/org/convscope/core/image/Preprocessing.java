package org.convscope.core.image;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.text.MessageBundles;

/**
 * The input scaling a Keras model was trained with, as in
 * {@code keras.applications.imagenet_utils.preprocess_input(mode=…)}. Applied to pixel values in
 * 0–255, channels last, in float32 arithmetic like numpy's, so that inputs match Keras's to the bit.
 */
public enum Preprocessing {

    /** {@code x / 255}: models trained on [0, 1] inputs (the book's small convnets). */
    RESCALE,
    /** RGB to BGR, then subtract the ImageNet means [103.939, 116.779, 123.68]: VGG, ResNet v1. */
    CAFFE,
    /** {@code x / 127.5 − 1}, to [−1, 1]: MobileNet v1/v2, Inception, Xception, ResNet v2, NASNet. */
    TF,
    /** {@code x / 255}, then ImageNet mean [0.485, 0.456, 0.406] and std [0.229, 0.224, 0.225]: DenseNet. */
    TORCH,
    /** Pixels as they are: EfficientNet, MobileNet v3, ConvNeXt, RegNet rescale inside the model. */
    NONE;

    private static final float[] CAFFE_MEAN_BGR = { 103.939f, 116.779f, 123.68f };
    private static final float[] TORCH_MEAN = { 0.485f, 0.456f, 0.406f };
    private static final float[] TORCH_STD = { 0.229f, 0.224f, 0.225f };

    /**
     * @return the mode for a name ({@code "caffe"}, {@code "tf"}, …), any case
     * @throws AnalysisException naming {@code name} when it is no mode
     */
    public static Preprocessing named(String name) {
        return find(name)
                .orElseThrow(() -> new AnalysisException(MessageBundles.bind(Messages.unknownPreprocessing, name)));
    }

    /** @return the mode for a name, any case, or empty when {@code name} is none (a stored preference) */
    public static Optional<Preprocessing> find(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.name().equals(n)).findFirst();
    }

    /**
     * Guesses the mode from a model's name as {@code keras.applications} names them
     * ({@code "vgg16"}, {@code "resnet50v2"}, {@code "mobilenetv2_1.00_224"}, {@code "densenet121"},
     * {@code "efficientnetb0"}, …).
     *
     * @return the family's mode, or empty when the name is not a known family
     */
    public static Optional<Preprocessing> forModelName(String modelName) {
        if (modelName == null) {
            return Optional.empty();
        }
        String n = modelName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (n.startsWith("vgg")) {
            return Optional.of(CAFFE);
        }
        if (n.startsWith("resnet")) {
            if (n.startsWith("resnetrs")) {
                return Optional.of(NONE);
            }
            return Optional.of(n.matches("resnet\\d+v2.*") ? TF : CAFFE);
        }
        if (n.startsWith("mobilenetv3")) {
            return Optional.of(NONE);
        }
        if (n.startsWith("mobilenet") || n.startsWith("inception") || n.startsWith("xception")
                || n.startsWith("nasnet")) {
            return Optional.of(TF);
        }
        if (n.startsWith("densenet")) {
            return Optional.of(TORCH);
        }
        if (n.startsWith("efficientnet") || n.startsWith("convnext") || n.startsWith("regnet")) {
            return Optional.of(NONE);
        }
        return Optional.empty();
    }

    /**
     * Applies this mode in place to channels-last values in 0–255.
     *
     * @param hwc      interleaved values, {@code channels} per pixel (any number of pixels and images)
     * @param channels 3, or 1 for RESCALE, TF and NONE
     * @throws AnalysisException for CAFFE or TORCH on other than 3 channels
     */
    public void apply(float[] hwc, int channels) {
        if ((this == CAFFE || this == TORCH) && channels != 3) {
            throw new AnalysisException(
                    MessageBundles.bind(Messages.preprocessingNeedsRgb, name().toLowerCase(Locale.ROOT), channels));
        }
        switch (this) {
            case RESCALE -> {
                for (int i = 0; i < hwc.length; i++) {
                    hwc[i] = hwc[i] / 255f;
                }
            }
            case TF -> {
                for (int i = 0; i < hwc.length; i++) {
                    hwc[i] = hwc[i] / 127.5f - 1f;
                }
            }
            case CAFFE -> {
                for (int i = 0; i + 2 < hwc.length; i += 3) {
                    float r = hwc[i];
                    hwc[i] = hwc[i + 2] - CAFFE_MEAN_BGR[0];
                    hwc[i + 1] = hwc[i + 1] - CAFFE_MEAN_BGR[1];
                    hwc[i + 2] = r - CAFFE_MEAN_BGR[2];
                }
            }
            case TORCH -> {
                for (int i = 0; i < hwc.length; i++) {
                    int c = i % 3;
                    hwc[i] = (hwc[i] / 255f - TORCH_MEAN[c]) / TORCH_STD[c];
                }
            }
            case NONE -> {
                // the model scales its own input
            }
        }
    }
}
