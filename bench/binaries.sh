# Sourced by the bench scripts, from the project's root. Sets `bins` and `names`: the binary to
# time (DUTYCTL=path, else a fresh release build) first, as "after", and with BEFORE=path an
# older one second, as "before". `need_hyperfine` installs Debian's hyperfine where it is missing
# and apt-get can run (the scripts fall back to a python loop otherwise).
if [ -z "${DUTYCTL:-}" ]; then
  nice -n 15 cargo build --release -q
  DUTYCTL=target/release/dutyctl
fi
bins=("$(realpath "$DUTYCTL")")
names=(after)
if [ -n "${BEFORE:-}" ]; then
  bins+=("$(realpath "$BEFORE")")
  names+=(before)
fi

need_hyperfine() {
  if ! command -v hyperfine >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    (apt-get install -y -qq hyperfine >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq hyperfine >/dev/null 2>&1; }) || true
  fi
}
