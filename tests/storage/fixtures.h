// Storage test fixtures: a temporary database directory and a small school
// (one org, two students, one group chat) in it.
#pragma once

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "server/storage/sqlite_org_store.h"
#include "server/storage/sqlite_storage.h"

namespace parta::server::test {

struct TempDb {
  std::filesystem::path dir;
  TempDb() {
    dir = std::filesystem::temp_directory_path() /
          ("parta-storage-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }
  ~TempDb() { std::filesystem::remove_all(dir); }
  std::string path() const { return (dir / "parta.db").string(); }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

struct School {
  std::unique_ptr<SqliteStorage> storage;
  UserId a, b;
  ChatId chat;
};

inline School open_school(const std::string& path) {
  School s;
  auto opened = SqliteStorage::open(path);
  REQUIRE(opened);
  s.storage = std::move(opened).value();
  SqliteOrgStore orgs(*s.storage);
  auto org = orgs.create_org("Search school");
  REQUIRE(org);
  for (UserId* u : {&s.a, &s.b}) {
    NewUser user;
    user.org = org.value();
    user.role = pb::ROLE_STUDENT;
    user.display_name = u == &s.a ? "A" : "B";
    user.login = (u == &s.a ? "a" : "b") + std::string("@search.school");
    user.password_hash = "x";
    auto id = orgs.create_user(user);
    REQUIRE(id);
    *u = id.value();
  }
  auto chat = s.storage->create_chat(org.value(), pb::CHAT_KIND_GROUP, "Room", {s.a, s.b});
  REQUIRE(chat);
  s.chat = chat.value();
  return s;
}

}  // namespace parta::server::test
