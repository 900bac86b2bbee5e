// The contentless search index (schema v4): appends, edits and deletes, in a
// group commit and alone, a rolled-back piece, and the migration from v3.
#include <doctest/doctest.h>

#include <filesystem>
#include <sqlite3.h>

#include "server/storage/sqlite_storage.h"
#include "fixtures.h"

using namespace parta;
using namespace parta::server;
using namespace parta::server::test;

namespace {

// The seqs of the hits for a folded FTS expression, newest first.
std::vector<std::uint64_t> hits(SqliteStorage& storage, UserId user, const std::string& match) {
  SearchQuery q;
  q.user = user;
  q.match = match;
  q.limit = 100;
  auto rows = storage.search_messages(q);
  REQUIRE(rows);
  std::vector<std::uint64_t> out;
  for (const SearchRow& r : rows.value()) out.push_back(r.message.seq);
  return out;
}

std::uint64_t append(SqliteStorage& s, const School& school, const std::string& id, const std::string& text) {
  auto r = s.append_message(school.chat, school.a, id, text, 1000);
  REQUIRE(r);
  return r->message.seq;
}

// FTS5's own consistency check of the index.
void check_integrity(const std::string& path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* err = nullptr;
  const int rc =
      sqlite3_exec(db, "INSERT INTO message_search(message_search) VALUES('integrity-check')", nullptr, nullptr, &err);
  CHECK_MESSAGE(rc == SQLITE_OK, (err ? err : ""));
  sqlite3_free(err);
  sqlite3_close(db);
}

}  // namespace

TEST_CASE("[storage] search: appends, edits and deletes, alone and in one group commit") {
  TempDb tmp;
  School s = open_school(tmp.path());
  SqliteStorage& st = *s.storage;

  SUBCASE("alone") {
    const auto one = append(st, s, "1", "Первая ёлка");
    const auto two = append(st, s, "2", "вторая елка");
    CHECK(hits(st, s.b, "\"елка\"") == std::vector<std::uint64_t>{two, one});
    REQUIRE(st.edit_message(s.chat, one, "теперь жираф", {}, 2000));
    CHECK(hits(st, s.b, "\"елка\"") == std::vector<std::uint64_t>{two});
    CHECK(hits(st, s.b, "\"жираф\"").size() == 1);
    REQUIRE(st.delete_message(s.chat, two));
    CHECK(hits(st, s.b, "\"елка\"").empty());
    CHECK(hits(st, s.b, "\"вторая\"").empty());
  }
  SUBCASE("in one batch: edited and deleted before the index was written") {
    std::uint64_t one = 0, two = 0, three = 0;
    REQUIRE(st.run_batch([&] {
      one = append(st, s, "1", "кошка собака");
      two = append(st, s, "2", "кошка попугай");
      three = append(st, s, "3", "кошка хомяк");
      REQUIRE(st.edit_message(s.chat, one, "слон", {}, 2000));
      REQUIRE(st.delete_message(s.chat, two));
    }));
    CHECK(hits(st, s.b, "\"кошка\"") == std::vector<std::uint64_t>{three});
    CHECK(hits(st, s.b, "\"слон\"") == std::vector<std::uint64_t>{one});
    CHECK(hits(st, s.b, "\"собака\"").empty());
    CHECK(hits(st, s.b, "\"попугай\"").empty());
    // And in a later batch, once they are in the index.
    REQUIRE(st.run_batch([&] {
      REQUIRE(st.edit_message(s.chat, three, "хомяк и слон", {}, 3000));
      REQUIRE(st.delete_message(s.chat, one));
      append(st, s, "4", "новая кошка");
    }));
    CHECK(hits(st, s.b, "\"слон\"") == std::vector<std::uint64_t>{three});
    CHECK(hits(st, s.b, "\"кошка\"").size() == 1);
  }
  SUBCASE("a rolled-back piece leaves no entry and takes none of the others'") {
    std::uint64_t kept = 0;
    REQUIRE(st.run_batch([&] {
      kept = append(st, s, "1", "зебра первая");
      {
        Transaction piece(st.db());
        REQUIRE(piece.begin());
        append(st, s, "2", "зебра вторая");
        auto edited = st.edit_message(s.chat, kept, "зебра изменённая", {}, 2000);
        REQUIRE(edited);
      }  // rolled back: the second message and the edit are gone
      append(st, s, "3", "зебра третья");
    }));
    CHECK(hits(st, s.b, "\"зебра\"").size() == 2);
    CHECK(hits(st, s.b, "\"первая\"") == std::vector<std::uint64_t>{kept});
    CHECK(hits(st, s.b, "\"вторая\"").empty());
    CHECK(hits(st, s.b, "\"измененная\"").empty());
  }
  SUBCASE("only the user's own chats") {
    append(st, s, "1", "секрет");
    NewUser other;
    SqliteOrgStore orgs(st);
    auto org = orgs.create_org("Other");
    REQUIRE(org);
    other.org = org.value();
    other.role = pb::ROLE_STUDENT;
    other.display_name = "C";
    other.login = "c@other.school";
    other.password_hash = "x";
    auto c = orgs.create_user(other);
    REQUIRE(c);
    CHECK(hits(st, c.value(), "\"секрет\"").empty());
    CHECK(hits(st, s.b, "\"секрет\"").size() == 1);
  }
  s.storage.reset();
  check_integrity(tmp.path());
}

TEST_CASE("[storage] schema v3 -> v4: stored messages stay searchable, deleted ones do not come back") {
  TempDb tmp;
  std::uint64_t kept = 0, gone = 0;
  {
    School s = open_school(tmp.path());
    kept = append(*s.storage, s, "1", "старое сообщение про глобус");
    gone = append(*s.storage, s, "2", "удалённый глобус");
    REQUIRE(s.storage->delete_message(s.chat, gone));
  }
  {
    // Back to what schema v3 left: its own FTS table with a copy of the text,
    // no index on search_id, version 3.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(tmp.path().c_str(), &db) == SQLITE_OK);
    const char* to_v3 =
        "DROP TABLE message_search; DROP INDEX messages_by_search_id; "
        "CREATE VIRTUAL TABLE message_search USING fts5(body, chat_id UNINDEXED, seq UNINDEXED, "
        "tokenize = 'unicode61 remove_diacritics 0'); "
        "INSERT INTO message_search(rowid, body, chat_id, seq) SELECT search_id, lower(text), chat_id, seq "
        "FROM messages WHERE search_id IS NOT NULL; "
        "DELETE FROM schema_version WHERE version > 3;";
    char* err = nullptr;
    const int rc = sqlite3_exec(db, to_v3, nullptr, nullptr, &err);
    CHECK_MESSAGE(rc == SQLITE_OK, (err ? err : ""));
    sqlite3_free(err);
    sqlite3_close(db);
  }
  auto reopened = SqliteStorage::open(tmp.path());
  REQUIRE(reopened);
  SqliteStorage& st = *reopened.value();
  auto user = SqliteOrgStore(st).find_credentials("b@search.school");
  REQUIRE(user);
  REQUIRE(user.value());
  const UserId b = user.value()->user;
  CHECK(hits(st, b, "\"глобус\"") == std::vector<std::uint64_t>{kept});
  // New messages get ids after the old ones (newest first), and edits work on migrated entries.
  auto chats = st.list_chats(b);
  REQUIRE(chats);
  REQUIRE(chats->size() == 1);
  const ChatId chat = chats->front().chat.id;
  auto added = st.append_message(chat, b, "3", "новый глобус", 3000);
  REQUIRE(added);
  CHECK(hits(st, b, "\"глобус\"") == std::vector<std::uint64_t>{added->message.seq, kept});
  REQUIRE(st.edit_message(chat, kept, "старое сообщение про карту", {}, 4000));
  CHECK(hits(st, b, "\"глобус\"") == std::vector<std::uint64_t>{added->message.seq});
  reopened.value().reset();
  check_integrity(tmp.path());
}
