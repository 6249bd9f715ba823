package io.fer.model.nd4j;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

import java.util.List;

/** The few SameDiff layer operations both networks use, with PyTorch semantics (explicit padding, no conv bias). */
final class SdOps {
    private SdOps() {
    }

    /**
     * Convolution without bias of the named banks (see {@link GraphParameters#filters}), zero padding {@code pad} on
     * every side. The filters are in libnd4j's default {@code [k, k, in, out]} layout because {@code conv2d_bp} of
     * 1.0.0-M2.1 ignores the weights-format argument (it fails with "wrong shape of output gradients" for OIHW).
     */
    static SDVariable conv(SameDiff sd, GraphParameters p, SDVariable x, List<String> banks, List<long[]> shapes,
                           int stride, int pad) {
        long k = shapes.get(0)[2];
        Conv2DConfig config = Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(pad).pW(pad).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).dataFormat(p.layout().name()).weightsFormat(WeightsFormat.YXIO)
                .build();
        return sd.cnn().conv2d(x, p.filters(banks, shapes), config);
    }

    /** Convolution without bias of one named bank {@code [out, in, k, k]}. */
    static SDVariable conv(SameDiff sd, GraphParameters p, SDVariable x, String bank, long[] shape, int stride,
                           int pad) {
        return conv(sd, p, x, List.of(bank), List.<long[]>of(shape), stride, pad);
    }

    /** Max pooling like PyTorch's {@code MaxPool2d(k, stride, pad)}. */
    static SDVariable maxPool(SameDiff sd, Layout layout, SDVariable x, int k, int stride, int pad) {
        return sd.cnn().maxPooling2d(x, pooling(Pooling2D.Pooling2DType.MAX, layout, k, stride, pad));
    }

    /** Average pooling without padding, like PyTorch's {@code AvgPool2d(k, stride)}. */
    static SDVariable avgPool(SameDiff sd, Layout layout, SDVariable x, int k, int stride) {
        return sd.cnn().avgPooling2d(x, pooling(Pooling2D.Pooling2DType.AVG, layout, k, stride, 0));
    }

    /** Global average pooling to {@code [n, c]}. */
    static SDVariable globalAvgPool(Layout layout, SDVariable x) {
        return x.mean(layout.spatialAxes());
    }

    /** A fully connected layer with weights {@code [out, in]} (PyTorch layout) and bias {@code [out]}. */
    static SDVariable linear(SameDiff sd, GraphParameters p, String prefix, SDVariable x, long in, long out) {
        SDVariable w = p.weight(prefix + ".weight", out, in);
        SDVariable b = p.weight(prefix + ".bias", out);
        return sd.mmul(x, w, false, true, false).add(b);
    }

    private static Pooling2DConfig pooling(Pooling2D.Pooling2DType type, Layout layout, int k, int stride, int pad) {
        return Pooling2DConfig.builder().type(type).kH(k).kW(k).sH(stride).sW(stride).pH(pad).pW(pad).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).divisor(Pooling2D.Divisor.EXCLUDE_PADDING)
                .isNHWC(layout == Layout.NHWC).build();
    }
}
