// Polls: creation, live results to every member, single and multiple choice,
// changing votes, anonymous and named, quizzes, closing, deadlines, retries.
#include <doctest/doctest.h>

#include "org/org_client.h"
#include "rich_client.h"

using namespace parta;
using namespace parta::test;

namespace {

std::uint32_t total_votes(const pb::Poll& poll) {
  std::uint32_t n = 0;
  for (const auto& o : poll.options()) n += o.votes();
  return n;
}

std::size_t voter_ids(const pb::Poll& poll) {
  std::size_t n = 0;
  for (const auto& o : poll.options()) n += static_cast<std::size_t>(o.voter_ids_size());
  return n;
}

}  // namespace

TEST_CASE("[polls] a named poll: three voters, live results for everyone, voter ids for the creator only") {
  auto teacher = person(kTeacher, kTeacherPassword);
  auto ivan = person(kStudent1, kStudentPassword);
  auto maria = person(kStudent2, kStudentPassword);
  auto artem = person(kStudent3, kStudentPassword);
  const auto chat = new_group(teacher, "Опрос", {&ivan, &maria, &artem});

  const std::string client_id = new_client_id();
  const auto created = sent(teacher->call(rich::poll(chat, "Куда пойдём?", {"Музей", "Парк", "Театр"}, {}, client_id)));
  REQUIRE(created.has_poll());
  CHECK_EQ(created.text(), "Куда пойдём?");
  CHECK_EQ(created.poll().options_size(), 3);
  CHECK_EQ(created.poll().voters(), 0u);
  CHECK_FALSE(created.poll().closed());
  // A retried SendMessage creates no second poll.
  const auto retried = sent(teacher->call(rich::poll(chat, "Куда пойдём?", {"Музей", "Парк", "Театр"}, {}, client_id)));
  CHECK_EQ(retried.seq(), created.seq());
  CHECK_EQ(teacher->history(chat, 0, 0, 50).history().messages_size(), 1);
  for (Person* p : {&ivan, &maria, &artem}) {
    auto added = wait_chat_event(*p->c, chat);
    REQUIRE(added.has_message_added());
    CHECK(added.message_added().has_poll());
  }

  const std::vector<std::pair<Person*, std::uint32_t>> votes = {{&ivan, 0}, {&maria, 1}, {&artem, 1}};
  for (const auto& [voter, option] : votes) {
    auto mine = sent((*voter)->call(rich::vote(chat, created.seq(), {option})));
    REQUIRE_EQ(mine.poll().my_choices_size(), 1);
    CHECK_EQ(mine.poll().my_choices(0), option);
    CHECK_EQ(voter_ids(mine.poll()), 0u);  // not the creator
    // Everyone else hears about it at once.
    for (Person* other : {&teacher, &ivan, &maria, &artem}) {
      if (other == voter) continue;
      auto raw_event = wait_chat_event(*other->c, chat);
      REQUIRE(raw_event.has_message_changed());
      const auto& poll = raw_event.message_changed().poll();
      if (other == &teacher) {
        CHECK_EQ(voter_ids(poll), static_cast<std::size_t>(poll.voters()));
      } else {
        CHECK_EQ(voter_ids(poll), 0u);
      }
    }
  }
  // The final tally: as the creator sees it, and as a student's raw bytes carry it.
  auto page = teacher->history(chat, 0, 0, 1);
  const auto& poll = page.history().messages(0).poll();
  CHECK_EQ(poll.voters(), 3u);
  CHECK_EQ(poll.options(0).votes(), 1u);
  CHECK_EQ(poll.options(1).votes(), 2u);
  REQUIRE_EQ(poll.options(1).voter_ids_size(), 2);
  CHECK_EQ(poll.options(0).voter_ids(0), ivan.id());

  pb::ClientFrame get;
  get.mutable_get_history()->set_chat_id(chat);
  get.mutable_get_history()->set_limit(1);
  drain(*ivan.c);
  ivan->send(get);
  auto raw = ivan->read_raw();
  REQUIRE(raw.has_value());
  auto decoded = decode_server_frame(*raw);
  REQUIRE(decoded.is_ok());
  const auto& seen = decoded->history().messages(0).poll();
  CHECK_EQ(seen.voters(), 3u);
  CHECK_EQ(voter_ids(seen), 0u);
  // Ivan's own bytes, decoded: counts and his own choice, nobody's id.
  for (const auto& o : seen.options()) CHECK_EQ(o.voter_ids_size(), 0);
  REQUIRE_EQ(seen.my_choices_size(), 1);
  CHECK_EQ(seen.my_choices(0), 0u);

  // Single choice, no changes allowed.
  CHECK_EQ(error_name(ivan->call(rich::vote(chat, created.seq(), {2}))), "ERROR_ALREADY_VOTED");
  CHECK_EQ(error_name(ivan->call(rich::vote(chat, created.seq(), {}))), "ERROR_ALREADY_VOTED");
  auto teacher_vote = teacher->call(rich::vote(chat, created.seq(), {0, 1}));
  CHECK_EQ(error_name(teacher_vote), "ERROR_INVALID_ARGUMENT");  // one option only
  CHECK_EQ(error_name(teacher->call(rich::vote(chat, created.seq(), {3}))), "ERROR_INVALID_ARGUMENT");
}

TEST_CASE("[polls] multiple choice with changes allowed; anonymous polls name nobody") {
  auto teacher = person(kTeacher, kTeacherPassword);
  auto ivan = person(kStudent1, kStudentPassword);
  auto maria = person(kStudent2, kStudentPassword);
  const auto chat = new_group(teacher, "Опрос 2", {&ivan, &maria});
  const auto poll =
      sent(teacher->call(rich::poll(chat, "Что взять в поход?", {"Палатку", "Котелок", "Гитару"}, [](pb::PollDraft& d) {
        d.set_multiple(true);
        d.set_allow_change(true);
        d.set_anonymous(true);
      })));
  auto v1 = sent(ivan->call(rich::vote(chat, poll.seq(), {0, 2})));
  CHECK_EQ(v1.poll().my_choices_size(), 2);
  CHECK_EQ(v1.poll().voters(), 1u);
  CHECK_EQ(total_votes(v1.poll()), 2u);
  CHECK_EQ(error_name(ivan->call(rich::vote(chat, poll.seq(), {1, 1}))), "ERROR_INVALID_ARGUMENT");
  auto changed = sent(ivan->call(rich::vote(chat, poll.seq(), {1})));
  REQUIRE_EQ(changed.poll().my_choices_size(), 1);
  CHECK_EQ(changed.poll().my_choices(0), 1u);
  CHECK_EQ(total_votes(changed.poll()), 1u);
  sent(maria->call(rich::vote(chat, poll.seq(), {1})));
  auto withdrawn = sent(ivan->call(rich::vote(chat, poll.seq(), {})));
  CHECK_EQ(withdrawn.poll().my_choices_size(), 0);
  CHECK_EQ(withdrawn.poll().voters(), 1u);
  // Anonymous: not even the creator sees who.
  auto creator_view = teacher->history(chat, 0, 0, 1).history().messages(0).poll();
  CHECK_EQ(creator_view.voters(), 1u);
  CHECK_EQ(voter_ids(creator_view), 0u);
  // A poll cannot be edited.
  CHECK_EQ(error_name(teacher->call(rich::edit(chat, poll.seq(), "Другой вопрос"))), "ERROR_PERMISSION_DENIED");
}

TEST_CASE("[polls] a quiz hides its answer until the viewer voted; closing ends voting") {
  auto teacher = person(kTeacher, kTeacherPassword);
  auto ivan = person(kStudent1, kStudentPassword);
  auto maria = person(kStudent2, kStudentPassword);
  const auto chat = new_group(teacher, "Викторина", {&ivan, &maria});
  const auto quiz = sent(teacher->call(rich::poll(chat, "2 + 2 = ?", {"3", "4", "5"}, [](pb::PollDraft& d) {
    d.set_quiz(true);
    d.set_correct_option(1);
  })));
  CHECK_EQ(quiz.poll().correct_option(), 1);  // the creator sees it
  auto before = wait_chat_event(*ivan.c, chat);
  CHECK_EQ(before.message_added().poll().correct_option(), -1);
  auto after = sent(ivan->call(rich::vote(chat, quiz.seq(), {0})));
  CHECK_EQ(after.poll().correct_option(), 1);
  // Maria has not voted: the change she hears still hides the answer.
  auto maria_view = wait_chat_event(*maria.c, chat);
  maria_view = wait_chat_event(*maria.c, chat);
  REQUIRE(maria_view.has_message_changed());
  CHECK_EQ(maria_view.message_changed().poll().correct_option(), -1);

  // Only the creator or a moderator closes it.
  CHECK_EQ(error_name(maria->call(rich::close(chat, quiz.seq()))), "ERROR_PERMISSION_DENIED");
  auto closed = sent(teacher->call(rich::close(chat, quiz.seq())));
  CHECK(closed.poll().closed());
  CHECK_EQ(error_name(maria->call(rich::vote(chat, quiz.seq(), {1}))), "ERROR_POLL_CLOSED");
  // Closed: the answer is shown to all.
  CHECK_EQ(maria->history(chat, 0, 0, 1).history().messages(0).poll().correct_option(), 1);
}

TEST_CASE("[polls] bad drafts and who may create polls") {
  auto teacher = person(kTeacher, kTeacherPassword);
  auto ivan = person(kStudent1, kStudentPassword);
  const auto chat = new_group(teacher, "Опрос 3", {&ivan});
  const auto last = chat_of(*teacher.c, chat).last_seq();
  auto past =
      teacher->call(rich::poll(chat, "Вчера?", {"Да", "Нет"}, [](pb::PollDraft& d) { d.set_deadline_ms(1000); }));
  CHECK_EQ(error_name(past), "ERROR_INVALID_ARGUMENT");
  CHECK_EQ(error_name(teacher->call(rich::poll(chat, "Один?", {"Да"}))), "ERROR_INVALID_ARGUMENT");
  CHECK_EQ(error_name(teacher->call(rich::poll(chat, "Дубль?", {"Да", "ДА"}))), "ERROR_INVALID_ARGUMENT");
  // By default only moderators and staff create polls in a group.
  CHECK_EQ(error_name(ivan->call(rich::poll(chat, "Можно?", {"Да", "Нет"}))), "ERROR_PERMISSION_DENIED");
  CHECK_EQ(chat_of(*teacher.c, chat).last_seq(), last);
  // With POLL_POLICY_ALL a student may.
  REQUIRE(teacher->call(rich::settings(chat, pb::POST_POLICY_ALL, pb::POLL_POLICY_ALL)).has_ack());
  CHECK_EQ(error_name(ivan->call(rich::poll(chat, "Можно?", {"Да", "Нет"}))), "OK");
  // A future deadline is fine.
  auto later = teacher->call(rich::poll(chat, "До завтра?", {"Да", "Нет"},
                                        [](pb::PollDraft& d) { d.set_deadline_ms(now_ms() + 24LL * 3600 * 1000); }));
  CHECK_EQ(error_name(later), "OK");
}

TEST_CASE("[polls] the demo school has a poll in the class chat") {
  auto ivan = person(kStudent1, kStudentPassword);
  const auto chat = chat_id(*ivan.c, "5А");
  auto page = ivan->history(chat, 0, 0, 50);
  bool found = false;
  for (const auto& m : page.history().messages()) found = found || m.has_poll();
  CHECK(found);
}
