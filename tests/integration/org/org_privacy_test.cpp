// Privacy: what members see of each other is name, role, badge and class. No
// reply a member gets carries an e-mail address or a phone number, whoever asks
// and about whom: the raw bytes are searched for the mail domains of every
// account here (demo.school, *.test) and the phone's digits. (Every reply in
// the org tests is also scanned for the contacts they used: org_client.h, call().)
#include <doctest/doctest.h>

#include "org_world.h"

using namespace parta;
using namespace parta::test;

namespace {

// No mail domain of any account in these tests (a bare '@' byte is no proof:
// 0x40 is also a protobuf length).
void check_no_mail(const std::string& bytes) {
  CHECK(bytes.find("demo.school") == std::string::npos);
  CHECK(bytes.find(".test") == std::string::npos);
}

// The raw bytes of the reply to `frame` (pushed frames before it are checked too).
std::string raw_reply(WsClient& client, pb::ClientFrame frame) {
  const std::uint64_t id = client.send(std::move(frame));
  for (;;) {
    auto raw = client.read_raw();
    REQUIRE(raw.has_value());
    check_no_mail(*raw);
    auto decoded = decode_server_frame(*raw);
    REQUIRE(decoded.is_ok());
    if (decoded->request_id() == id) return *raw;
  }
}

}  // namespace

TEST_CASE("[orgs] privacy: no member-facing reply carries an e-mail address or a phone number") {
  const std::uint16_t port = org_world().port();
  auto admin = login_session(port, "admin@demo.school", "demo-admin");
  const std::int64_t org = admin.ok.memberships(0).org_id();
  auto structure = call(*admin.client, cmd::create_group(org, pb::GROUP_KIND_CLASS, "4П"));
  REQUIRE(structure.has_structure());
  const auto klass = find_group(structure.structure(), "4П")->id();
  const auto students = make_link(*admin.client, cmd::create_link(org, pb::LINK_KIND_STUDENTS, klass));
  const auto parents = make_link(*admin.client, cmd::create_link(org, pb::LINK_KIND_PARENTS, klass));
  const std::string phone = "+7 (901) 234-56-78";
  const std::string digits = "9012345678";
  auto kid = register_session(port, students.token(), "Полина Телефонова", phone, "polina-pass-1");
  auto mom = register_session(port, parents.token(), "Анна Телефонова", "anna.phone@family.test", "anna-pass-1");
  auto teacher = login_session(port, kTeacher, kTeacherPassword);
  auto student = login_session(port, kStudent1, kStudentPassword);
  auto parent = login_session(port, kParent, kParentPassword);

  Session* everyone[] = {&admin, &kid, &mom, &teacher, &student, &parent};
  const std::int64_t people[] = {admin.id(), kid.id(), mom.id(), teacher.id(), student.id(), parent.id()};
  for (Session* viewer : everyone) {
    CAPTURE(viewer->ok.me().display_name());
    // LoginOk itself.
    check_no_mail(viewer->ok.SerializeAsString());
    CHECK(viewer->ok.SerializeAsString().find(digits) == std::string::npos);
    std::vector<pb::ClientFrame> frames = {
        cmd::list_members(org), cmd::list_members(org, "телефонова"), cmd::get_structure(org),      cmd::list_chats(),
        cmd::list_sessions(),   cmd::inspect(students.token()),       cmd::inspect(parents.token())};
    for (auto person : people) frames.push_back(cmd::get_profile(org, person));
    for (auto& frame : frames) {
      const std::string raw = raw_reply(*viewer->client, frame);
      CHECK(raw.find(digits) == std::string::npos);
    }
  }
  // The directory row of the phone-registered student: name, role, class. That is all.
  auto row = call(*admin.client, cmd::get_profile(org, kid.id()));
  REQUIRE(row.has_members());
  const pb::User& user = row.members().members(0).user();
  CHECK_EQ(user.display_name(), "Полина Телефонова");
  CHECK_EQ(user.role(), pb::ROLE_STUDENT);
  CHECK_EQ(user.class_name(), "4П");
  pb::User only_public = user;
  only_public.clear_display_name();
  only_public.clear_class_name();
  CHECK(only_public.SerializeAsString().size() <= 16);  // id, role, badge: a few varints
}
