// Search: case-insensitive with ё = е, prefixes, only the caller's chats, no
// deleted messages, paging, chat titles, bad queries.
#include <doctest/doctest.h>

#include "rich_client.h"

using namespace parta;
using namespace parta::test;

namespace {

pb::SearchResults search(Person& p, std::int64_t chat, const std::string& query, std::uint32_t limit = 0,
                         std::int64_t before = 0) {
  auto reply = p->call(rich::search(chat, query, limit, before));
  if (!reply.has_search_results()) throw std::runtime_error("search: " + error_name(reply));
  return reply.search_results();
}

}  // namespace

TEST_CASE("[search] Russian, case-insensitive, ё = е, prefix of the last word, own chats only") {
  auto teacher = person(kTeacher, kTeacherPassword);
  auto ivan = person(kStudent1, kStudentPassword);
  auto maria = person(kStudent2, kStudentPassword);
  const auto chat = new_group(teacher, "Новогодний", {&ivan});
  const auto m = sent(teacher->call(rich::send(chat, "Наша елка-пингвинёнок самая красивая!")));

  for (const std::string query : {"ЁЛКА", "елка", "Ёлка пингвиненок", "ПИНГВИНЕН", "пингв", "красив"}) {
    CAPTURE(query);
    auto found = search(ivan, 0, query);
    REQUIRE_EQ(found.hits_size(), 1);
    CHECK_EQ(found.hits(0).message().seq(), m.seq());
    CHECK_EQ(found.hits(0).message().chat_id(), chat);
    CHECK_EQ(found.hits(0).chat_title(), "Новогодний");
    CHECK_EQ(found.next_before_id(), 0);
  }
  // In that chat only, too.
  CHECK_EQ(search(ivan, chat, "ЁЛКА пингвин").hits_size(), 1);
  // Words must all occur; an earlier word is not a prefix.
  CHECK_EQ(search(ivan, 0, "елка пингвин жираф").hits_size(), 0);
  CHECK_EQ(search(ivan, 0, "пингв елка").hits_size(), 0);
  // Maria is not in the chat: nothing, and the chat itself does not exist for her.
  CHECK_EQ(search(maria, 0, "пингвиненок").hits_size(), 0);
  CHECK_EQ(error_name(maria->call(rich::search(chat, "пингвиненок"))), "ERROR_NOT_FOUND");
  // Deleted: gone from the results.
  sent(teacher->call(rich::remove(chat, m.seq())));
  CHECK_EQ(search(ivan, 0, "пингвиненок").hits_size(), 0);
}

TEST_CASE("[search] edits are searchable, direct chats are titled after the other person, pages go back") {
  auto teacher = person(kTeacher, kTeacherPassword);
  auto maria = person(kStudent2, kStudentPassword);
  const auto direct = chat_id(*maria.c, "Анна Сергеевна Смирнова");
  const auto m = sent(maria->call(rich::send(direct, "Черновик")));
  sent(maria->call(rich::edit(direct, m.seq(), "Сочинение про бегемотика")));
  auto found = search(teacher, 0, "бегемотик");
  REQUIRE_EQ(found.hits_size(), 1);
  CHECK_EQ(found.hits(0).chat_title(), "Мария Иванова");
  CHECK_EQ(found.hits(0).message().text(), "Сочинение про бегемотика");
  CHECK(found.hits(0).message().client_id().empty());
  CHECK_EQ(search(teacher, 0, "черновик").hits_size(), 0);

  for (int i = 0; i < 4; ++i) sent(maria->call(rich::send(direct, "носорожек номер " + std::to_string(i))));
  auto first = search(teacher, direct, "носорожек", 3);
  REQUIRE_EQ(first.hits_size(), 3);
  CHECK_EQ(first.hits(0).message().text(), "носорожек номер 3");  // newest first
  REQUIRE(first.next_before_id() > 0);
  auto second = search(teacher, direct, "носорожек", 3, first.next_before_id());
  REQUIRE_EQ(second.hits_size(), 1);
  CHECK_EQ(second.hits(0).message().text(), "носорожек номер 0");
  CHECK_EQ(second.next_before_id(), 0);
}

TEST_CASE("[search] bad queries get typed errors") {
  auto ivan = person(kStudent1, kStudentPassword);
  CHECK_EQ(error_name(ivan->call(rich::search(0, std::string("\xC3\x28", 2)))), "ERROR_INVALID_UTF8");
  CHECK_EQ(error_name(ivan->call(rich::search(0, "   "))), "ERROR_EMPTY_TEXT");
  CHECK_EQ(error_name(ivan->call(rich::search(0, "ok", 51))), "ERROR_INVALID_ARGUMENT");
  CHECK_EQ(error_name(ivan->call(rich::search(-1, "ok"))), "ERROR_INVALID_ARGUMENT");
  // FTS syntax is just text here.
  for (const std::string query : {"\"", "a OR b", "NEAR(x y)", "*", "-", "col:val", "(((", "—"}) {
    CAPTURE(query);
    CHECK_EQ(error_name(ivan->call(rich::search(0, query))), "OK");
  }
}
