# Sourced by the launchers (./fer and the images' fer) before the JVM starts.
# libtorch 2.7.1's oneDNN 3.7.1 returns NaN gradients now and then from its AVX2/AVX-512 convolution backward kernels
# on AMD Zen 5 (CPU family 26); its AVX path (im2col + GEMM) is correct there. libtorch reads ONEDNN_MAX_CPU_ISA once,
# when it loads, so the commands that train set it here. A value the user set is kept. See README, "Zen 5".
fer_limit_onednn_for_training() {
  case "${1:-}" in train|trainer) ;; *) return 0 ;; esac
  [ -z "${ONEDNN_MAX_CPU_ISA:-}" ] || return 0
  grep -q '^vendor_id[[:space:]]*: AuthenticAMD' /proc/cpuinfo 2>/dev/null || return 0
  grep -qE '^cpu family[[:space:]]*: 26$' /proc/cpuinfo || return 0
  export ONEDNN_MAX_CPU_ISA=AVX
  echo "fer: AMD Zen 5 CPU: oneDNN limited to AVX for training (ONEDNN_MAX_CPU_ISA=AVX, see README)" >&2
}
