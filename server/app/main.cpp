// parta-server: configuration, storage, services and the I/O loop.
//
// Threads: one I/O thread runs every socket, the hub, the services and the
// SQLite reads and rare writes; a storage thread (CommitQueue, its own SQLite
// connection) stores messages with group commit; a small worker pool does only
// the slow password hashing. Shutdown on SIGTERM/SIGINT: stop accepting, close
// sessions, finish the commit queue, close the database, exit 0.
//
// Why one I/O thread and not one io_context per core: the hub and the services
// are single-threaded by design, and on the 2-core target the second core goes
// to the storage thread, argon2 and the kernel's share of the network work.
// Confined to a single core, the server commits on the I/O thread instead.
#include <malloc.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string_view>

#include "server/app/clock.h"
#include "server/auth/auth_commands.h"
#include "server/chat/chat_commands.h"
#include "server/app/command_router.h"
#include "server/app/config.h"
#include "server/app/demo_seed.h"
#include "server/net/hub.h"
#include "server/net/listener.h"
#include "server/app/log.h"
#include "server/net/net.h"
#include "server/org/org_module.h"
#include "server/auth/password.h"
#include "server/auth/auth_service.h"
#include "server/chat/chat_service.h"
#include "server/storage/commit_queue.h"
#include "server/storage/sqlite_org_store.h"
#include "server/storage/sqlite_storage.h"
#include "server/net/websocket_session.h"

namespace fs = std::filesystem;
using namespace parta::server;

namespace {

// Writes the port to a temporary file and renames it, so readers never see half a file.
bool write_ready_file(const std::string& path, std::uint16_t port) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << port << "\n";
    if (!out.flush()) return false;
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  return !ec;
}

std::string url_host(const asio::ip::address& address) {
  return address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
}

int run(const Config& config) {
  if (!init_crypto()) {
    log_error("libsodium failed to initialize");
    return 1;
  }
  std::error_code fs_ec;
  fs::create_directories(config.data_dir, fs_ec);
  if (fs_ec) {
    log_error("cannot create data dir ", config.data_dir, ": ", fs_ec.message());
    return 1;
  }
  const std::string db_path = (fs::path(config.data_dir) / "parta.db").string();
  auto opened = SqliteStorage::open(db_path);
  if (!opened) {
    log_error("cannot open the database ", db_path);
    return 1;
  }
  std::unique_ptr<SqliteStorage> storage = std::move(opened).value();
  log_info("database ", db_path);
  if (auto s = SqliteOrgStore(*storage).delete_expired_sessions(now_ms()); !s) return 1;
  if (config.seed_demo) {
    if (auto s = seed_demo(*storage, now_ms()); !s) {
      log_error("demo seed failed: ", s.message());
      return 1;
    }
  }

  std::string web_root = fs::weakly_canonical(fs::absolute(config.web_root), fs_ec).string();
  if (fs_ec) web_root = config.web_root;
  if (!fs::is_directory(web_root, fs_ec)) {
    log_warn("web root ", web_root, " does not exist",
             config.web_root_given ? "" : " (build the wasm client or pass --web-root)");
  }

  beast::error_code ec;
  const auto address = asio::ip::make_address(config.address, ec);
  if (ec) {
    log_error("bad address ", config.address, ": ", ec.message());
    return 2;
  }

  // The loop is destroyed explicitly (below) before the hub and services: that
  // destroys leftover sessions, whose destructors still talk to the hub.
  std::optional<asio::io_context> loop(std::in_place, 1);
  asio::io_context& ioc = *loop;
  asio::thread_pool workers{2};
  Offload offload = [&ioc, &workers](std::function<void()> work, std::function<void()> then) {
    asio::post(workers, [&ioc, work = std::move(work), then = std::move(then)]() mutable {
      work();
      asio::post(ioc, std::move(then));
    });
  };

  // Messages are stored on the storage thread, over a second connection.
  auto commit_storage = SqliteStorage::open(db_path);
  if (!commit_storage) {
    log_error("cannot open the database ", db_path, " for the storage thread");
    return 1;
  }
  auto checkpoint_storage = SqliteStorage::open(db_path);
  if (!checkpoint_storage) return 1;
  // Checkpoints (and their fsyncs) only on the checkpoint thread, never inline
  // in a commit on the I/O or the storage thread.
  if (auto s = storage->db().exec("PRAGMA wal_autocheckpoint=0;"); !s) return 1;
  // Confined to one core (taskset, cgroups), a storage thread only adds two
  // context switches per batch: commit on the I/O thread, once per loop pass.
  // PARTA_COMMIT_ON_IO_THREAD=0/1 overrides the choice (benchmarks).
  cpu_set_t cpus;
  CPU_ZERO(&cpus);
  bool one_core = ::sched_getaffinity(0, sizeof cpus, &cpus) == 0 && CPU_COUNT(&cpus) == 1;
  if (const char* force = std::getenv("PARTA_COMMIT_ON_IO_THREAD")) one_core = std::string_view(force) == "1";
  log_info("group commit on ", one_core ? "the I/O thread (one core)" : "the storage thread");
  CommitQueue commits(std::move(commit_storage).value(),
                      [&ioc](std::function<void()> task) { asio::post(ioc, std::move(task)); },
                      std::move(checkpoint_storage).value(), one_core);
  // Under load a batch waits up to 3 ms for company: measured at 1,200 msg/s
  // into 334 chats, 5 messages per commit instead of 1.6 and ~25% less storage
  // CPU per message (docs/BENCHMARKS.md). PARTA_COMMIT_GAP_US overrides it.
  std::chrono::microseconds commit_gap(3000);
  if (const char* gap = std::getenv("PARTA_COMMIT_GAP_US")) commit_gap = std::chrono::microseconds(std::atol(gap));
  commits.set_pacing(commit_gap, [&ioc](CommitQueue::Clock::duration delay, std::function<void()> task) {
    auto timer = std::make_shared<asio::steady_timer>(ioc, delay);
    timer->async_wait([timer, task = std::move(task)](beast::error_code) { task(); });
  });

  Hub hub;
  HubBus bus(hub);  // the services publish through it; Redis goes here later
  // Closed school spaces: org store, mail worker, their services, the HTTP API.
  OrgModule orgs(*storage, bus, offload, [&ioc](std::function<void()> task) { asio::post(ioc, std::move(task)); },
                 config);
  if (auto s = orgs.start(now_ms()); !s) return 1;
  AuthService auth(orgs.store(), orgs.store(), bus, offload);
  ChatService chats(*storage, *storage, orgs.store(), bus, &commits);
  // One command module per domain; the router dispatches by command case.
  OrgCommands& org_commands = orgs.bind(auth, chats);
  AuthCommands auth_commands(auth, orgs.sessions());
  ChatCommands chat_commands(*storage, *storage, chats, &org_commands);
  CommandRouter router;
  router.add(auth_commands);
  router.add(chat_commands);
  router.add(org_commands);
  ServerContext context{hub, router, web_root};
  context.api = &orgs.http();
  {
    auto listener = std::make_shared<Listener>(ioc, context);
    if (auto open_ec = listener->open(tcp::endpoint(address, config.port))) {
      log_error("cannot listen on ", config.address, ":", config.port, ": ", open_ec.message());
      return 1;
    }
    listener->run();
    const std::uint16_t port = listener->port();
    log_info("listening on http://", url_host(address), ":", port);
    if (!config.ready_file.empty() && !write_ready_file(config.ready_file, port)) {
      log_error("cannot write ready file ", config.ready_file);
      return 1;
    }

    // Shutdown: stop accepting, say goodbye to every WebSocket, then stop the
    // loop after a short grace period (idle HTTP keep-alives are simply dropped).
    asio::signal_set signals(ioc, SIGINT, SIGTERM);
    asio::steady_timer grace(ioc);
    signals.async_wait([&](beast::error_code signal_ec, int signal_number) {
      if (signal_ec) return;
      log_info("signal ", signal_number, ": shutting down (", hub.size(), " websocket sessions)");
      listener->stop();
      if (hub.size() == 0) return ioc.stop();
      hub.close_all();
      grace.expires_after(std::chrono::milliseconds(500));
      grace.async_wait([&ioc](beast::error_code) { ioc.stop(); });
    });

    ioc.run();
    // What the storage thread still holds gets committed; its replies are dropped
    // with the loop (the clients resend, and the server dedupes).
    commits.stop();
    if (const auto st = commits.stats(); st.batches > 0) {
      log_info("group commits: ", st.batches, " batches, ", st.pieces, " pieces (",
               st.pieces / st.batches, " per batch), ", st.busy_cpu_ns / 1000 / std::max<std::uint64_t>(1, st.pieces),
               " us CPU per piece");
    }
    orgs.stop();  // mail in flight is aborted; its replies are dropped with the loop
    stop_websocket_thread();
    workers.join();
  }
  loop.reset();
  storage.reset();
  log_info("database closed; bye");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  ParseOutcome parsed = parse_command_line(args);
  if (!parsed.config) {
    std::fputs(parsed.message.c_str(), parsed.exit_code == 0 ? stdout : stderr);
    return parsed.exit_code;
  }
  if (const char* level = std::getenv("PARTA_LOG"); level && std::string_view(level) == "debug") {
    set_log_level(LogLevel::Debug);
  }
  ::signal(SIGPIPE, SIG_IGN);
  // glibc gives the top of the heap back (brk) whenever 128 KiB are free there;
  // the message path frees and grows it again all the time (2.5% of the CPU
  // under load, in brk). Keep up to 64 MiB free before trimming.
  ::mallopt(M_TRIM_THRESHOLD, 64 << 20);
  ::mallopt(M_TOP_PAD, 4 << 20);
  return run(*parsed.config);
}
