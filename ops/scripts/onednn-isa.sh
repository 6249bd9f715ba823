# Sourced by the launchers (./fer and the images' fer) before the JVM starts.
# On AMD Zen 5 (CPU family 26), libtorch 2.7.1's oneDNN 3.7.1 computes wrong convolutions with its AVX, AVX2 and
# AVX-512 kernels (forward passes off, NaN gradients in training); its SSE4.1 kernels are correct. libtorch reads
# ONEDNN_MAX_CPU_ISA once, when it loads. ND4J's oneDNN 2.3 reads only DNNL_ variables, so serving on ND4J keeps
# every instruction set. A value the user set is kept. io.fer.model.pytorch.OneDnnIsa makes the same test in Java, to
# warn when a JVM was started without this launcher. See README, "Engines".
fer_limit_onednn_on_zen5() {
  [ -z "${ONEDNN_MAX_CPU_ISA:-}" ] || return 0
  grep -q '^vendor_id[[:space:]]*: AuthenticAMD' /proc/cpuinfo 2>/dev/null || return 0
  grep -qE '^cpu family[[:space:]]*: 26$' /proc/cpuinfo || return 0
  export ONEDNN_MAX_CPU_ISA=SSE41
}
