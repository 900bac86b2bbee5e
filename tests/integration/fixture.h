// The server most tests share. It starts on first use with a fresh data dir and
// web root; main() stops it with SIGTERM at the end and fails unless it exits 0.
// Tests that kill or restart a server start their own ServerProcess instead.
#pragma once

#include <cstdint>
#include <string>

namespace parta::test {

std::uint16_t shared_port();
const std::string& shared_web_root();

}  // namespace parta::test
