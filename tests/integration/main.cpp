// doctest runner for the integration tests: the shared server's lifetime and a
// watchdog, so a hung server fails the run instead of hanging it.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "fixture.h"
#include "org/org_world.h"
#include "chat/rich_client.h"
#include "server_process.h"

namespace parta::test {

namespace {

struct SharedServer {
  TempDir data{"parta-it-data-"};
  TempDir web{"parta-it-web-"};
  ServerProcess process{data.path(), web.path()};
  SharedServer() {
    write_test_web_root(web.path());
    process.start();
  }
};

std::unique_ptr<SharedServer> g_shared;
std::unique_ptr<SharedServer> g_rich;  // the rich chat tests' demo school (rich_client.h)

SharedServer& shared() {
  if (!g_shared) g_shared = std::make_unique<SharedServer>();
  return *g_shared;
}

constexpr unsigned kWatchdogSeconds = 150;

void on_watchdog(int) {
  static const char message[] = "integration tests: watchdog expired, killing servers\n";
  (void)!::write(STDERR_FILENO, message, sizeof message - 1);
  kill_all_servers();
  ::_exit(3);
}

}  // namespace

std::uint16_t shared_port() { return shared().process.port(); }
const std::string& shared_web_root() { return shared().web.path(); }
std::uint16_t rich_port() {
  if (!g_rich) g_rich = std::make_unique<SharedServer>();
  return g_rich->process.port();
}

}  // namespace parta::test

int main(int argc, char** argv) {
  using namespace parta::test;
  ::signal(SIGALRM, on_watchdog);
  ::alarm(kWatchdogSeconds);

  doctest::Context context(argc, argv);
  int result = context.run();

  if (g_shared) {
    const int code = g_shared->process.terminate();
    if (code != 0) {
      std::fprintf(stderr, "shared server: SIGTERM exit status %d (expected 0)\n--- server log ---\n%s\n", code,
                   g_shared->process.log().c_str());
      result = result ? result : 1;
    } else if (std::getenv("PARTA_IT_SHOW_LOG")) {
      std::fprintf(stderr, "--- shared server log ---\n%s\n", g_shared->process.log().c_str());
    }
    g_shared.reset();
  }
  if (g_rich) {
    const int code = g_rich->process.terminate();
    if (code != 0) {
      std::fprintf(stderr, "rich chat server: SIGTERM exit status %d (expected 0)\n--- server log ---\n%s\n", code,
                   g_rich->process.log().c_str());
      result = result ? result : 1;
    }
    g_rich.reset();
  }
  if (stop_org_world() != 0) result = result ? result : 1;
  kill_all_servers();
  return result;
}
