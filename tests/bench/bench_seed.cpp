// parta-bench-seed: a benchmark school in a fresh data dir. N students in group
// chats ("rooms") of --room-size, each with a live session, through the server's
// own storage and token code. The tokens go to a file ("chat_id token" per line)
// for parta-loadgen, which logs in with ResumeSession: real auth and session
// lookup on the server, without N argon2id logins (~0.1 s each) at start-up.
// Every bench account shares one argon2id hash, computed once.
//   --chats-per-room K  each room is K group chats with the same members (the
//                       tokens file still names the first; parta-bench-catchup)
//   --history N         the first chat gets N messages from its members, stored
//                       in the same transaction (tools/bench client-history)
// Bench accounts log in as benchI@bench.school (I from 1) with "bench-password".
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "server/app/clock.h"
#include "server/auth/password.h"
#include "server/auth/auth_service.h"
#include "server/storage/sqlite_org_store.h"
#include "server/storage/sqlite_storage.h"
#include "shared/core/validation.h"

using namespace parta;
using namespace parta::server;

namespace {

// N messages in one chat, oldest first, one every 37 s up to now, from the
// members in turn; lengths vary from one line to a paragraph.
template <typename Fail>
bool seed_history(SqliteStorage& storage, ChatId chat, const std::vector<UserId>& members, long n, std::int64_t now,
                  Fail&& fail) {
  static const char* const kWords[] = {"homework", "tomorrow", "the test", "page 42", "please", "remember",
                                       "the trip", "class", "lesson", "thanks", "question", "chapter"};
  for (long i = 0; i < n; ++i) {
    std::string text = "Message " + std::to_string(i + 1) + ":";
    const long words = 3 + (i * 7919) % 40;
    for (long w = 0; w < words; ++w) text += std::string(" ") + kWords[(i + w * 5) % 12];
    auto appended = storage.append_message(chat, members[static_cast<std::size_t>(i) % members.size()],
                                           "h" + std::to_string(i), text, now - (n - i) * 37'000);
    if (!appended) {
      fail(appended.status());
      return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir, tokens_path;
  long users = 10'000, room_size = 30, chats_per_room = 1, history = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--data-dir") data_dir = value;
    else if (flag == "--tokens") tokens_path = value;
    else if (flag == "--users") users = std::stol(value);
    else if (flag == "--room-size") room_size = std::stol(value);
    else if (flag == "--chats-per-room") chats_per_room = std::stol(value);
    else if (flag == "--history") history = std::stol(value);
  }
  if (data_dir.empty() || tokens_path.empty() || users <= 0 || room_size < 2 || chats_per_room < 1 || history < 0) {
    std::fprintf(stderr,
                 "usage: parta-bench-seed --data-dir DIR --tokens FILE [--users N] [--room-size K]"
                 " [--chats-per-room K] [--history N]\n");
    return 2;
  }
  if (!init_crypto()) return 1;
  std::filesystem::create_directories(data_dir);
  auto opened = SqliteStorage::open((std::filesystem::path(data_dir) / "parta.db").string());
  if (!opened) return 1;
  SqliteStorage& storage = *opened.value();
  auto hash = hash_password("bench-password");
  if (!hash) return 1;
  std::ofstream tokens(tokens_path, std::ios::trunc);

  const std::int64_t now = now_ms();
  Status failed;
  // One transaction for everything: seconds instead of a minute of commits.
  SqliteOrgStore accounts(storage);  // orgs, users and sessions on the same connection
  Status committed = storage.run_batch([&] {
    auto fail = [&](const Status& s) {
      if (failed) failed = s.is_ok() ? Status(pb::ERROR_INTERNAL, "seed failed") : s;
    };
    auto org = accounts.create_org("Bench school");
    if (!org) return fail(org.status());
    std::vector<UserId> room;
    long room_no = 0;
    std::vector<std::string> room_tokens;
    auto close_room = [&]() -> bool {
      if (room.empty()) return true;
      auto klass = std::to_string(++room_no);
      auto chat = storage.create_chat(org.value(), pb::CHAT_KIND_GROUP, "Room " + klass, room);
      if (!chat) {
        fail(chat.status());
        return false;
      }
      for (const auto& token : room_tokens) tokens << chat.value().get() << ' ' << token << '\n';
      for (long k = 2; k <= chats_per_room; ++k) {
        if (auto more = storage.create_chat(org.value(), pb::CHAT_KIND_GROUP, "Room " + klass + "." + std::to_string(k), room);
            !more) {
          fail(more.status());
          return false;
        }
      }
      if (room_no == 1 && history > 0 && !seed_history(storage, chat.value(), room, history, now, fail)) return false;
      room.clear();
      room_tokens.clear();
      return true;
    };
    for (long i = 0; i < users; ++i) {
      NewUser user;
      user.org = org.value();
      user.role = pb::ROLE_STUDENT;
      user.display_name = "Student " + std::to_string(i + 1);
      user.login = normalize_login("bench" + std::to_string(i + 1) + "@bench.school");
      user.password_hash = *hash;
      auto id = accounts.create_user(user);
      if (!id) return fail(id.status());
      std::string token = new_session_token();
      if (auto s = accounts.create_session(hash_session_token(token), id.value(), now, now + kSessionLifetimeMs); !s) {
        return fail(s);
      }
      room.push_back(id.value());
      room_tokens.push_back(std::move(token));
      if (static_cast<long>(room.size()) == room_size && !close_room()) return;
    }
    close_room();
  });
  if (!failed || !committed) {
    std::fprintf(stderr, "parta-bench-seed: %s\n", (!failed ? failed : committed).message().c_str());
    return 1;
  }
  if (!tokens.flush()) return 1;
  std::printf("seeded %ld students in rooms of %ld (%ld chats each), %ld history messages\n", users, room_size,
              chats_per_room, history);
  return 0;
}
