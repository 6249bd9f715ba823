# syntax=docker/dockerfile:1
# The fer images for GPU hosts (NVIDIA Container Toolkit). Build context: the repository root; docker-compose.gpu.yml
# selects the targets.
#   target processor  `fer process` on ND4J's CUDA backend (`mvn -Pcuda`: nd4j-cuda-11.6) on the CUDA 11.6 runtime
#                     and cuDNN 8. Its kernels are built for sm_37 to sm_86: Kepler (K80) to Ampere, Ada through
#                     sm_86 binary compatibility; no Hopper or Blackwell (no sm_90 code, no PTX).
#   target trainer    `fer trainer serve` with PyTorch 2.7.1 for CUDA 12.8 (libtorch from PyTorch's official
#                     archive, bundling its CUDA and cuDNN libraries; DJL's CUDA 12.8 JNI is in pytorch-jni):
#                     Turing to Blackwell, Hopper included. Its ND4J (evaluation gate) stays on the CPU.
ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17
ARG JRE_IMAGE=eclipse-temurin:17-jre
# Any CUDA 11.x >= 11.6 runtime with cuDNN 8 serves libnd4jcuda (it links libcudart.so.11.0, libcudnn.so.8).
ARG ND4J_CUDA_BASE=nvidia/cuda:11.6.2-cudnn8-runtime-ubuntu20.04
ARG TORCH_CUDA_BASE=nvidia/cuda:12.8.1-base-ubuntu22.04
ARG LIBTORCH_URL=https://download.pytorch.org/libtorch/cu128/libtorch-cxx11-abi-shared-with-deps-2.7.1%2Bcu128.zip

FROM ${JRE_IMAGE} AS jre

# Two builds: ND4J on CUDA for the processor, on the CPU for the trainer (whose GPU work is PyTorch's).
FROM ${MAVEN_IMAGE} AS build-cuda
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 sh ops/docker/maven-build.sh -Pcuda

FROM ${MAVEN_IMAGE} AS build-cpu
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 sh ops/docker/maven-build.sh

FROM ${MAVEN_IMAGE} AS libtorch
ARG LIBTORCH_URL
ADD ${LIBTORCH_URL} /tmp/libtorch.zip
RUN cd /opt && jar xf /tmp/libtorch.zip && rm -rf /opt/libtorch/include /opt/libtorch/lib/*.a

FROM ${ND4J_CUDA_BASE} AS processor
COPY --from=jre /opt/java/openjdk /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:${PATH}
COPY ops/docker/runtime-setup.sh /tmp/
RUN sh /tmp/runtime-setup.sh && rm /tmp/runtime-setup.sh
COPY --from=build-cuda /out/lib /opt/fer/lib
COPY --chown=fer:fer models /opt/fer/models
COPY --chmod=755 ops/docker/fer-launcher.sh /usr/local/bin/fer
COPY ops/scripts/onednn-isa.sh /opt/fer/onednn-isa.sh
ENV FER_JAVA_OPTS="-XX:MaxRAMPercentage=50"
WORKDIR /opt/fer
USER fer
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=180s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${FER_HTTP_PORT:-8080}/health/ready" || exit 1
ENTRYPOINT ["fer"]
CMD ["process"]

FROM ${TORCH_CUDA_BASE} AS trainer
COPY --from=jre /opt/java/openjdk /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:${PATH}
COPY ops/docker/runtime-setup.sh /tmp/
RUN sh /tmp/runtime-setup.sh && rm /tmp/runtime-setup.sh
COPY --from=libtorch /opt/libtorch /opt/libtorch
COPY --from=build-cpu /out/lib /opt/fer/lib
COPY --chown=fer:fer models /opt/fer/models
COPY --chmod=755 ops/docker/fer-launcher.sh /usr/local/bin/fer
COPY ops/scripts/onednn-isa.sh /opt/fer/onednn-isa.sh
# DJL loads this libtorch instead of the CPU one in the pytorch-native-cpu jar, with the cu128 JNI of pytorch-jni.
ENV FER_JAVA_OPTS="-XX:MaxRAMPercentage=50" DJL_OFFLINE=true \
    PYTORCH_LIBRARY_PATH=/opt/libtorch/lib PYTORCH_FLAVOR=cu128 PYTORCH_VERSION=2.7.1
WORKDIR /opt/fer
USER fer
EXPOSE 8090
HEALTHCHECK --interval=15s --timeout=3s --start-period=120s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${FER_HTTP_PORT:-8090}/status" || exit 1
ENTRYPOINT ["fer"]
CMD ["trainer", "serve"]
