// The authorization matrix: every role (operator, admin, head, verified teacher,
// pending teacher, student, parent, stranger, member of another org, member of
// a suspended org) x every command of orgs.proto (+ SendMessage to an org chat),
// through the real protocol against a real server. The expected table is written
// out by hand, not derived from shared/org/policy.cpp, so a policy bug fails here.
// Every reply's bytes are scanned for contacts (org_client.h: call()).
#include <doctest/doctest.h>

#include <array>
#include <functional>
#include <thread>

#include "org_world.h"

using namespace parta;
using namespace parta::test;

namespace {

enum Row { OP, ADM, HEAD, TCH, PEND, STU, PAR, ANON, OTHER, SUSP, kRows };
const char* const kRowNames[kRows] = {
    "operator", "admin",  "head",     "verified teacher",     "pending teacher",
    "student",  "parent", "stranger", "admin of another org", "admin of a suspended org"};

constexpr auto OK = pb::ERROR_UNSPECIFIED;
constexpr auto UN = pb::ERROR_UNAUTHENTICATED;
constexpr auto PD = pb::ERROR_PERMISSION_DENIED;
constexpr auto NF = pb::ERROR_NOT_FOUND;
constexpr auto SU = pb::ERROR_ORG_SUSPENDED;
constexpr auto PV = pb::ERROR_PENDING_VERIFICATION;
constexpr auto WO = pb::ERROR_WRONG_ORG;
constexpr auto CI = pb::ERROR_CODE_INVALID;

pb::ErrorCode code_of(const pb::ServerFrame& f) { return f.has_error() ? f.error().code() : OK; }

// The world of the matrix, built once through the protocol (org_world's server).
struct World {
  std::uint16_t port = 0;
  std::array<std::string, kRows> token;  // ANON: none
  std::array<std::int64_t, kRows> user{};
  std::int64_t org_a = 0, org_b = 0, org_c = 0;
  std::int64_t class_5a = 0;
  std::int64_t student2 = 0;  // a student who is not the parent's child
  std::int64_t chat_m = 0;    // A: admin, head, teacher, pending, student, parent
  std::int64_t chat_c = 0;    // C (suspended): its admin
  std::string chat_link;      // CHAT link to a teacher's chat nobody else is in
  std::string students_link;  // STUDENTS of 5А, unlimited
  int serial = 0;             // unique names
  std::int64_t org_of(Row r) const { return r == SUSP ? org_c : org_a; }
  std::string unique(const std::string& prefix) { return prefix + std::to_string(++serial); }
};

World build_world() {
  World w;
  OrgWorld& ow = org_world();
  w.port = ow.port();
  w.token[OP] = ow.operator_token();
  auto admin = login_session(w.port, "admin@demo.school", "demo-admin");
  w.org_a = admin.ok.memberships(0).org_id();
  auto teacher = login_session(w.port, kTeacher, kTeacherPassword);
  auto student = login_session(w.port, kStudent1, kStudentPassword);
  auto parent = login_session(w.port, kParent, kParentPassword);
  for (auto [row, s] : {std::pair{ADM, &admin}, {TCH, &teacher}, {STU, &student}, {PAR, &parent}}) {
    w.token[row] = s->token();
    w.user[row] = s->id();
  }
  auto structure = call(*admin.client, cmd::get_structure(w.org_a));
  REQUIRE(structure.has_structure());
  REQUIRE(find_group(structure.structure(), "5А") != nullptr);
  w.class_5a = find_group(structure.structure(), "5А")->id();

  // Head and pending teacher register through a staff link; the admin verifies one and makes them head.
  const auto staff = make_link(*admin.client, cmd::create_link(w.org_a, pb::LINK_KIND_STAFF));
  auto head = register_session(w.port, staff.token(), "Вера Павловна Борисова", "head@matrix.test", "head-password");
  auto pending = register_session(w.port, staff.token(), "Олег Новиков", "+7 900 555-10-20", "pending-password");
  forbid_in_replies("head@matrix.test");
  forbid_in_replies("9005551020");
  CHECK(pending.ok.memberships(0).role() == pb::ROLE_TEACHER);
  CHECK_FALSE(pending.ok.memberships(0).verified_teacher());
  REQUIRE_EQ(error_name(call(*admin.client, cmd::verify_teacher(w.org_a, head.id(), true))), "OK");
  REQUIRE_EQ(error_name(call(*admin.client, cmd::set_role(w.org_a, head.id(), pb::ROLE_HEAD))), "OK");
  w.token[HEAD] = head.token();
  w.user[HEAD] = head.id();
  w.token[PEND] = pending.token();
  w.user[PEND] = pending.id();

  auto maria = call(*admin.client, cmd::list_members(w.org_a, "мария"));
  REQUIRE(maria.has_members());
  REQUIRE(find_member(maria.members(), "Мария Иванова") != nullptr);
  w.student2 = find_member(maria.members(), "Мария Иванова")->user().id();

  auto chat =
      call(*admin.client,
           cmd::create_chat(w.org_a, "Матрица", {w.user[HEAD], w.user[TCH], w.user[PEND], w.user[STU], w.user[PAR]}));
  REQUIRE(chat.has_chat_created());
  w.chat_m = chat.chat_created().chat().id();
  auto club = call(*teacher.client, cmd::create_chat(w.org_a, "Кружок робототехники", {}));
  REQUIRE(club.has_chat_created());
  w.chat_link =
      make_link(*teacher.client, cmd::create_link(w.org_a, pb::LINK_KIND_CHAT, 0, club.chat_created().chat().id()))
          .token();
  w.students_link = make_link(*admin.client, cmd::create_link(w.org_a, pb::LINK_KIND_STUDENTS, w.class_5a)).token();

  // Two more organizations through applications; C gets a chat, then is suspended.
  Applicant b;
  b.org_name = "Колледж связи";
  b.type = pb::ORG_TYPE_COLLEGE;
  b.email = "dean@college.test";
  b.phone = "+7 495 111-22-33";
  w.org_b = create_org(ow, b);
  Applicant c;
  c.org_name = "Школа искусств";
  c.type = pb::ORG_TYPE_SUPPLEMENTARY;
  c.email = "head@arts.test";
  c.phone = "+7 495 444-55-66";
  w.org_c = create_org(ow, c);
  auto other = login_session(w.port, b.email, b.password);
  auto susp = login_session(w.port, c.email, c.password);
  w.token[OTHER] = other.token();
  w.user[OTHER] = other.id();
  w.token[SUSP] = susp.token();
  w.user[SUSP] = susp.id();
  auto arts = call(*susp.client, cmd::create_chat(w.org_c, "Учительская", {}));
  REQUIRE(arts.has_chat_created());
  w.chat_c = arts.chat_created().chat().id();
  auto op = resumed(w.port, w.token[OP]);
  REQUIRE_EQ(error_name(call(*op, cmd::set_suspended(w.org_c, true))), "OK");
  return w;
}

World& world() {
  static World w = build_world();
  return w;
}

std::unique_ptr<WsClient> connect_as(World& w, Row row) {
  if (row == ANON) return std::make_unique<WsClient>(w.port);
  return resumed(w.port, w.token[row]);
}

struct Cell {
  const char* command;
  pb::ServerFrame::BodyCase ok_body;
  std::array<pb::ErrorCode, kRows> expected;  // OP ADM HEAD TCH PEND STU PAR ANON OTHER SUSP
  std::function<pb::ClientFrame(World&, Row)> frame;
};

using B = pb::ServerFrame;

// A pending registration of a primary-school student whose code went to a parent.
pb::ClientFrame confirmable(World& w, Row) {
  WsClient anonymous(w.port);
  const std::string parent = w.unique("mama-") + "@family.test";
  auto pending = call(anonymous, cmd::register_(w.students_link, "Первоклассник", w.unique("kid-") + "@family.test",
                                                "first-grade-pw", parent));
  REQUIRE(pending.has_registration_pending());
  const auto mail = org_world().mail().wait_for(parent);
  return cmd::confirm(pending.registration_pending().registration_id(), find_digits(mail.body, 6));
}

std::vector<Cell> cells() {
  // clang-format off
  return {
    {"SubmitOrgApplication", B::kOrgApplicationSubmitted, {OK, OK, OK, OK, OK, OK, OK, OK, OK, OK},
     [](World& w, Row) {
       Applicant a;
       a.email = w.unique("applicant-") + "@apply.test";
       a.phone = "+7 999 000-00-" + std::to_string(10 + w.serial);
       return cmd::submit(a, upload(w.port, pdf_bytes()));
     }},
    {"ListOrgApplications", B::kOrgApplications, {OK, PD, PD, PD, PD, PD, PD, UN, PD, PD},
     [](World&, Row) { return cmd::list_applications(); }},
    {"DecideOrgApplication", B::kOrgApplicationDecided, {OK, PD, PD, PD, PD, PD, PD, UN, PD, PD},
     [](World& w, Row r) {
       std::int64_t id = 1;
       if (r == OP) {  // a fresh pending application to reject
         Applicant a;
         a.email = w.unique("rejected-") + "@apply.test";
         a.phone = "+7 988 000-00-" + std::to_string(10 + w.serial);
         WsClient anonymous(w.port);
         auto submitted = call(anonymous, cmd::submit(a, upload(w.port, png_bytes())));
         REQUIRE(submitted.has_org_application_submitted());
         id = submitted.org_application_submitted().application_id();
       }
       return cmd::decide(id, false, "Нет подписи руководителя");
     }},
    {"SetOrgSuspended", B::kAck, {OK, PD, PD, PD, PD, PD, PD, UN, PD, PD},
     [](World& w, Row) { return cmd::set_suspended(w.org_c, true); }},
    {"GetStructure", B::kStructure, {NF, OK, OK, OK, OK, OK, OK, UN, NF, SU},
     [](World& w, Row r) { return cmd::get_structure(w.org_of(r)); }},
    {"CreateGroup", B::kStructure, {NF, OK, PD, PD, PD, PD, PD, UN, NF, SU},
     [](World& w, Row r) { return cmd::create_group(w.org_of(r), pb::GROUP_KIND_GROUP, w.unique("Кружок ")); }},
    {"AssignClassTeacher", B::kStructure, {NF, OK, PD, PD, PD, PD, PD, UN, NF, SU},
     [](World& w, Row r) { return cmd::assign_class_teacher(w.org_of(r), w.class_5a, w.user[TCH]); }},
    {"SetJournalUrl", B::kStructure, {NF, OK, PD, PD, PD, PD, PD, UN, NF, SU},
     [](World& w, Row r) { return cmd::set_journal_url(w.org_of(r), "https://journal.example/school42"); }},
    {"CreateInviteLink STAFF", B::kInviteLinkCreated, {NF, OK, PD, PD, PD, PD, PD, UN, NF, SU},
     [](World& w, Row r) { return cmd::create_link(w.org_of(r), pb::LINK_KIND_STAFF); }},
    {"CreateInviteLink STUDENTS", B::kInviteLinkCreated, {NF, OK, OK, OK, PV, PD, PD, UN, NF, SU},
     [](World& w, Row r) { return cmd::create_link(w.org_of(r), pb::LINK_KIND_STUDENTS, w.class_5a); }},
    {"CreateInviteLink PARENTS", B::kInviteLinkCreated, {NF, OK, OK, OK, PV, PD, PD, UN, NF, SU},
     [](World& w, Row r) { return cmd::create_link(w.org_of(r), pb::LINK_KIND_PARENTS, w.class_5a); }},
    {"CreateInviteLink CHAT", B::kInviteLinkCreated, {NF, OK, OK, OK, PV, PD, PD, UN, NF, SU},
     [](World& w, Row r) { return cmd::create_link(w.org_of(r), pb::LINK_KIND_CHAT, 0, r == SUSP ? w.chat_c : w.chat_m); }},
    {"ListInviteLinks", B::kInviteLinks, {NF, OK, OK, OK, PV, PD, PD, UN, NF, SU},
     [](World& w, Row r) { return cmd::list_links(w.org_of(r)); }},
    {"RevokeInviteLink (the admin's link)", B::kAck, {NF, OK, PD, PD, PV, PD, PD, UN, NF, SU},
     [](World& w, Row r) {
       auto admin = resumed(w.port, w.token[ADM]);
       const auto link = make_link(*admin, cmd::create_link(w.org_a, pb::LINK_KIND_STUDENTS, w.class_5a));
       return cmd::revoke_link(w.org_of(r), link.id());
     }},
    {"InspectInvite", B::kInviteInfo, {OK, OK, OK, OK, OK, OK, OK, OK, OK, OK},
     [](World& w, Row) { return cmd::inspect(w.students_link); }},
    {"Register", B::kLoginOk, {OK, OK, OK, OK, OK, OK, OK, OK, OK, OK},
     [](World& w, Row) {
       return cmd::register_(w.students_link, "Новый Ученик", w.unique("new-student-") + "@family.test", "student-pw-1");
     }},
    {"ConfirmRegistration", B::kLoginOk, {OK, OK, OK, OK, OK, OK, OK, OK, OK, OK}, confirmable},
    {"JoinChat", B::kChatList, {WO, OK, OK, OK, OK, OK, OK, UN, WO, WO},
     [](World& w, Row) { return cmd::join_chat(w.chat_link); }},
    {"CreateChat", B::kChatCreated, {NF, OK, OK, OK, PV, PD, PD, UN, NF, SU},
     [](World& w, Row r) { return cmd::create_chat(w.org_of(r), w.unique("Чат "), {w.user[STU]}); }},
    {"VerifyTeacher", B::kAck, {NF, OK, PD, PD, PD, PD, PD, UN, NF, SU},
     [](World& w, Row r) { return cmd::verify_teacher(w.org_of(r), w.user[PEND], false); }},
    {"SetMemberRole", B::kAck, {NF, OK, PD, PD, PD, PD, PD, UN, NF, SU},
     [](World& w, Row r) { return cmd::set_role(w.org_of(r), w.user[TCH], pb::ROLE_TEACHER); }},
    {"ListMembers", B::kMembers, {NF, OK, OK, OK, OK, OK, OK, UN, NF, SU},
     [](World& w, Row r) { return cmd::list_members(w.org_of(r)); }},
    {"GetProfile (the parent's child)", B::kMembers, {NF, OK, OK, OK, OK, OK, OK, UN, NF, SU},
     [](World& w, Row r) { return cmd::get_profile(w.org_of(r), w.user[STU]); }},
    {"InviteParent", B::kAck, {NF, PD, PD, PD, PD, OK, PD, UN, PD, SU},
     [](World& w, Row) { return cmd::invite_parent(w.unique("invited-parent-") + "@family.test"); }},
    {"RequestLoginCode", B::kAck, {OK, OK, OK, OK, OK, OK, OK, OK, OK, OK},
     [](World&, Row) { return cmd::request_login_code("nobody@matrix.test"); }},
    {"LoginWithCode (a wrong code)", B::kLoginOk, {CI, CI, CI, CI, CI, CI, CI, CI, CI, CI},
     [](World&, Row) { return cmd::login_with_code("nobody@matrix.test", "000000"); }},
    {"ListSessions", B::kSessions, {OK, OK, OK, OK, OK, OK, OK, UN, OK, OK},
     [](World&, Row) { return cmd::list_sessions(); }},
    {"EndSessions (all others)", B::kSessions, {OK, OK, OK, OK, OK, OK, OK, UN, OK, OK},
     [](World&, Row) { return cmd::end_sessions(""); }},
    {"SendMessage (an org chat)", B::kMessageSent, {NF, OK, OK, OK, OK, OK, OK, UN, NF, SU},
     [](World& w, Row r) { return cmd::send_message(r == SUSP ? w.chat_c : w.chat_m, "Проверка матрицы"); }},
  };
  // clang-format on
}

}  // namespace

TEST_CASE("[orgs] authorization matrix: every role x every command") {
  World& w = world();
  const auto table = cells();
  // Every command of orgs.proto has a row (STAFF/STUDENTS/PARENTS/CHAT links are four).
  CHECK(table.size() == 25 + 3 + 1);
  int checked = 0;
  for (const Cell& cell : table) {
    for (int r = 0; r < kRows; ++r) {
      const Row row = static_cast<Row>(r);
      CAPTURE(cell.command);
      CAPTURE(kRowNames[r]);
      auto client = connect_as(w, row);
      const auto reply = call(*client, cell.frame(w, row), std::chrono::seconds(10));
      CHECK_EQ(std::string(error_code_name(code_of(reply))), std::string(error_code_name(cell.expected[r])));
      if (cell.expected[r] == OK && code_of(reply) == OK) CHECK_EQ(reply.body_case(), cell.ok_body);
      ++checked;
    }
  }
  CHECK(checked == static_cast<int>(table.size()) * kRows);
}

TEST_CASE("[orgs] authorization: scope within an organization and across organizations") {
  World& w = world();
  auto admin = resumed(w.port, w.token[ADM]);
  SUBCASE("an admin of one org sees nothing of another") {
    CHECK_EQ(error_name(call(*admin, cmd::get_structure(w.org_b))), "ERROR_NOT_FOUND");
    CHECK_EQ(error_name(call(*admin, cmd::create_group(w.org_b, pb::GROUP_KIND_CLASS, "9Я"))), "ERROR_NOT_FOUND");
    CHECK_EQ(error_name(call(*admin, cmd::list_members(w.org_b))), "ERROR_NOT_FOUND");
    CHECK_EQ(error_name(call(*admin, cmd::get_profile(w.org_b, w.user[OTHER]))), "ERROR_NOT_FOUND");
    CHECK_EQ(error_name(call(*admin, cmd::create_link(w.org_b, pb::LINK_KIND_STAFF))), "ERROR_NOT_FOUND");
    // Objects of org A named under org B, and people of B put into A's chats.
    CHECK_EQ(error_name(call(*admin, cmd::create_link(w.org_a, pb::LINK_KIND_CHAT, 0, w.chat_c))), "ERROR_NOT_FOUND");
    CHECK_EQ(error_name(call(*admin, cmd::create_chat(w.org_a, "Смешанный", {w.user[OTHER]}))), "ERROR_NOT_FOUND");
    CHECK_EQ(error_name(call(*admin, cmd::get_profile(w.org_a, w.user[OTHER]))), "ERROR_NOT_FOUND");
  }
  SUBCASE("a teacher revokes their own links, not others'") {
    auto teacher = resumed(w.port, w.token[TCH]);
    const auto own = make_link(*teacher, cmd::create_link(w.org_a, pb::LINK_KIND_PARENTS, w.class_5a));
    CHECK_EQ(error_name(call(*teacher, cmd::revoke_link(w.org_a, own.id()))), "OK");
    // The teacher's list has only their links; the admin's has everyone's.
    auto mine = call(*teacher, cmd::list_links(w.org_a));
    REQUIRE(mine.has_invite_links());
    for (const auto& l : mine.invite_links().links()) CHECK_EQ(l.created_by(), w.user[TCH]);
    auto all = call(*admin, cmd::list_links(w.org_a));
    bool saw_teacher = false, saw_admin = false;
    for (const auto& l : all.invite_links().links()) {
      saw_teacher |= l.created_by() == w.user[TCH];
      saw_admin |= l.created_by() == w.user[ADM];
    }
    CHECK(saw_teacher);
    CHECK(saw_admin);
    // A chat link only for a chat the creator is in.
    CHECK_EQ(error_name(call(*teacher, cmd::create_link(w.org_a, pb::LINK_KIND_CHAT, 0, w.chat_m))), "OK");
    auto head = resumed(w.port, w.token[HEAD]);
    auto own_chat = call(*teacher, cmd::create_chat(w.org_a, "Только учитель", {}));
    REQUIRE(own_chat.has_chat_created());
    CHECK_EQ(
        error_name(call(*head, cmd::create_link(w.org_a, pb::LINK_KIND_CHAT, 0, own_chat.chat_created().chat().id()))),
        "ERROR_NOT_FOUND");
  }
  SUBCASE("parents see their own child and no other children") {
    auto parent = resumed(w.port, w.token[PAR]);
    CHECK_EQ(error_name(call(*parent, cmd::get_profile(w.org_a, w.user[STU]))), "OK");
    CHECK_EQ(error_name(call(*parent, cmd::get_profile(w.org_a, w.student2))), "ERROR_NOT_FOUND");
    auto members = call(*parent, cmd::list_members(w.org_a));
    REQUIRE(members.has_members());
    CHECK(find_member(members.members(), "Иван Петров") != nullptr);
    CHECK(find_member(members.members(), "Мария Иванова") == nullptr);
    CHECK(find_member(members.members(), "Анна Сергеевна Смирнова") != nullptr);
    // A student sees their classmates.
    auto student = resumed(w.port, w.token[STU]);
    auto classmates = call(*student, cmd::list_members(w.org_a, "", pb::ROLE_STUDENT));
    CHECK(find_member(classmates.members(), "Мария Иванова") != nullptr);
    // The parent's LoginOk names the child.
    auto again = call(*parent, cmd::list_sessions());
    CHECK(again.has_sessions());
  }
  SUBCASE("a head needs a verified teacher; class teachers too") {
    auto pending_id = w.user[PEND];
    CHECK_EQ(error_name(call(*admin, cmd::set_role(w.org_a, pending_id, pb::ROLE_HEAD))), "ERROR_PENDING_VERIFICATION");
    CHECK_EQ(error_name(call(*admin, cmd::assign_class_teacher(w.org_a, w.class_5a, pending_id))),
             "ERROR_PENDING_VERIFICATION");
    CHECK_EQ(error_name(call(*admin, cmd::assign_class_teacher(w.org_a, w.class_5a, w.user[STU]))),
             "ERROR_INVALID_ARGUMENT");
    CHECK_EQ(error_name(call(*admin, cmd::set_role(w.org_a, w.user[STU], pb::ROLE_TEACHER))), "ERROR_INVALID_ARGUMENT");
    // The only admin cannot step down.
    CHECK_EQ(error_name(call(*admin, cmd::set_role(w.org_a, w.user[ADM], pb::ROLE_TEACHER))), "ERROR_INVALID_ARGUMENT");
  }
  SUBCASE("the suspended org: its links refuse, its members are told, restoring reopens it") {
    auto susp = resumed(w.port, w.token[SUSP]);
    auto structure = call(*susp, cmd::get_structure(w.org_c));
    CHECK_EQ(error_name(structure), "ERROR_ORG_SUSPENDED");
    auto op = resumed(w.port, w.token[OP]);
    REQUIRE_EQ(error_name(call(*op, cmd::set_suspended(w.org_c, false))), "OK");
    const auto link = make_link(*susp, cmd::create_link(w.org_c, pb::LINK_KIND_STAFF));
    CHECK_EQ(error_name(call(*susp, cmd::send_message(w.chat_c, "Снова работаем"))), "OK");
    REQUIRE_EQ(error_name(call(*op, cmd::set_suspended(w.org_c, true))), "OK");
    WsClient stranger(w.port);
    CHECK_EQ(error_name(call(stranger, cmd::inspect(link.token()))), "ERROR_ORG_SUSPENDED");
    CHECK_EQ(error_name(call(stranger, cmd::register_(link.token(), "Учитель", "t@arts.test", "password-1"))),
             "ERROR_ORG_SUSPENDED");
    // LoginOk tells the member their org is suspended.
    auto fresh = call(*susp, cmd::login("head@arts.test", "lyceum-7-secret"));
    REQUIRE(fresh.has_login_ok());
    CHECK_EQ(fresh.login_ok().memberships(0).org_status(), pb::ORG_STATUS_SUSPENDED);
    w.token[SUSP] = fresh.login_ok().token();
  }
}

TEST_CASE("[orgs] expired, revoked, used-up and unknown links") {
  World& w = world();
  auto admin = resumed(w.port, w.token[ADM]);
  auto teacher = resumed(w.port, w.token[TCH]);
  // Expiring links first, so one short sleep covers them.
  const auto expiring =
      make_link(*admin, cmd::create_link(w.org_a, pb::LINK_KIND_STUDENTS, w.class_5a, 0, now_ms() + 1200));
  const auto expiring_chat =
      make_link(*admin, cmd::create_link(w.org_a, pb::LINK_KIND_CHAT, 0, w.chat_m, now_ms() + 1200));
  const auto revoked = make_link(*admin, cmd::create_link(w.org_a, pb::LINK_KIND_STUDENTS, w.class_5a));
  const auto revoked_chat = make_link(*admin, cmd::create_link(w.org_a, pb::LINK_KIND_CHAT, 0, w.chat_m));
  REQUIRE_EQ(error_name(call(*admin, cmd::revoke_link(w.org_a, revoked.id()))), "OK");
  REQUIRE_EQ(error_name(call(*admin, cmd::revoke_link(w.org_a, revoked_chat.id()))), "OK");
  const auto once = make_link(*admin, cmd::create_link(w.org_a, pb::LINK_KIND_STUDENTS, w.class_5a, 0, 0, 1));
  // A chat only the teacher is in, with a one-use link.
  auto lonely = call(*teacher, cmd::create_chat(w.org_a, "Факультатив", {}));
  REQUIRE(lonely.has_chat_created());
  const auto once_chat =
      make_link(*teacher, cmd::create_link(w.org_a, pb::LINK_KIND_CHAT, 0, lonely.chat_created().chat().id(), 0, 1));

  // Past expiry and more than 90 days ahead are refused at creation.
  CHECK_EQ(error_name(call(*admin, cmd::create_link(w.org_a, pb::LINK_KIND_STAFF, 0, 0, now_ms() - 1000))),
           "ERROR_INVALID_ARGUMENT");
  CHECK_EQ(error_name(
               call(*admin, cmd::create_link(w.org_a, pb::LINK_KIND_STAFF, 0, 0, now_ms() + 91LL * 24 * 3600 * 1000))),
           "ERROR_INVALID_ARGUMENT");

  WsClient stranger(w.port);
  // Used up: the first registration takes the only use, the second is refused.
  CHECK_EQ(error_name(call(stranger, cmd::register_(once.token(), "Первый", "first@once.test", "password-1"))), "OK");
  WsClient stranger2(w.port);
  CHECK_EQ(error_name(call(stranger2, cmd::inspect(once.token()))), "ERROR_LINK_USED_UP");
  CHECK_EQ(error_name(call(stranger2, cmd::register_(once.token(), "Второй", "second@once.test", "password-1"))),
           "ERROR_LINK_USED_UP");
  auto student = resumed(w.port, w.token[STU]);
  auto parent = resumed(w.port, w.token[PAR]);
  CHECK_EQ(error_name(call(*student, cmd::join_chat(once_chat.token()))), "OK");
  CHECK_EQ(error_name(call(*parent, cmd::join_chat(once_chat.token()))), "ERROR_LINK_USED_UP");
  // A used-up link is refused to everyone, also to the one it let in (they are in the chat).
  CHECK_EQ(error_name(call(*student, cmd::join_chat(once_chat.token()))), "ERROR_LINK_USED_UP");

  // Revoked.
  CHECK_EQ(error_name(call(stranger2, cmd::inspect(revoked.token()))), "ERROR_LINK_REVOKED");
  CHECK_EQ(error_name(call(stranger2, cmd::register_(revoked.token(), "Третий", "third@once.test", "password-1"))),
           "ERROR_LINK_REVOKED");
  CHECK_EQ(error_name(call(*parent, cmd::join_chat(revoked_chat.token()))), "ERROR_LINK_REVOKED");

  // Unknown (well-formed) and malformed tokens.
  const std::string forged(64, 'a');
  CHECK_EQ(error_name(call(stranger2, cmd::inspect(forged))), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(call(stranger2, cmd::register_(forged, "Четвёртый", "fourth@once.test", "password-1"))),
           "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(call(*parent, cmd::join_chat(forged))), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(call(stranger2, cmd::inspect("../../etc/passwd"))), "ERROR_INVALID_ARGUMENT");
  CHECK_EQ(error_name(call(stranger2, cmd::inspect(std::string(64, 'G')))), "ERROR_INVALID_ARGUMENT");
  // A chat link cannot register anyone, a registration link joins no chat.
  CHECK_EQ(error_name(call(stranger2, cmd::register_(expiring_chat.token(), "Пятый", "fifth@once.test", "password-1"))),
           "ERROR_INVALID_ARGUMENT");
  CHECK_EQ(error_name(call(*parent, cmd::join_chat(w.students_link))), "ERROR_INVALID_ARGUMENT");

  // Expired.
  const auto wait_until = expiring.expires_at_ms() + 50;
  while (now_ms() < wait_until) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK_EQ(error_name(call(stranger2, cmd::inspect(expiring.token()))), "ERROR_LINK_EXPIRED");
  CHECK_EQ(error_name(call(stranger2, cmd::register_(expiring.token(), "Шестой", "sixth@once.test", "password-1"))),
           "ERROR_LINK_EXPIRED");
  CHECK_EQ(error_name(call(*parent, cmd::join_chat(expiring_chat.token()))), "ERROR_LINK_EXPIRED");

  // What the admin sees: uses counted, states kept.
  auto links = call(*admin, cmd::list_links(w.org_a));
  REQUIRE(links.has_invite_links());
  for (const auto& l : links.invite_links().links()) {
    if (l.id() == once.id()) CHECK_EQ(l.uses(), 1u);
    if (l.id() == revoked.id()) CHECK(l.revoked());
  }
}
