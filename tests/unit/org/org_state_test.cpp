// Organization state: given state + (command, reply) -> expected state; and the
// sync engine's org commands (deferral, registration logging in, JoinChat).
#include "shared/org/org_state.h"

#include <doctest/doctest.h>

#include "frames.h"
#include "shared/proto/protocol.h"
#include "shared/sync/sync_engine.h"

using namespace parta;

namespace {

pb::ServerFrame ack() {
  pb::ServerFrame f;
  f.mutable_ack();
  return f;
}

pb::ServerFrame error(ErrorCode code) { return make_error_frame(0, Status(code, "x")); }

pb::Member member(std::int64_t id, pb::Role role, bool verified, bool pending) {
  pb::Member m;
  m.mutable_user()->set_id(id);
  m.mutable_user()->set_display_name("user" + std::to_string(id));
  m.mutable_user()->set_role(role);
  m.mutable_user()->set_verified_teacher(verified);
  m.set_pending_verification(pending);
  return m;
}

pb::ClientFrame list_members(std::int64_t org, std::string query = "") {
  pb::ClientFrame f;
  f.mutable_list_members()->set_org_id(org);
  f.mutable_list_members()->set_query(query);
  return f;
}

pb::ServerFrame members(std::initializer_list<pb::Member> list) {
  pb::ServerFrame f;
  for (const auto& m : list) *f.mutable_members()->add_members() = m;
  return f;
}

pb::OrgApplication application(std::int64_t id, pb::ApplicationStatus status, std::int64_t at) {
  pb::OrgApplication a;
  a.set_id(id);
  a.set_org_name("org" + std::to_string(id));
  a.set_status(status);
  a.set_submitted_at_ms(at);
  return a;
}

// Sends `cmd` and answers it in one step.
void roundtrip(OrgState& s, std::uint64_t id, const pb::ClientFrame& cmd, const pb::ServerFrame& reply) {
  reduce_org_sent(s, id, cmd);
  reduce_org_reply(s, id, cmd, reply);
}

}  // namespace

TEST_CASE("[org] applications: pending first, newest first; a decision replaces the entry") {
  OrgState s;
  pb::ClientFrame list;
  list.mutable_list_org_applications();
  pb::ServerFrame reply;
  *reply.mutable_org_applications()->add_applications() = application(1, pb::APPLICATION_APPROVED, 300);
  *reply.mutable_org_applications()->add_applications() = application(2, pb::APPLICATION_PENDING, 100);
  *reply.mutable_org_applications()->add_applications() = application(3, pb::APPLICATION_PENDING, 200);
  roundtrip(s, 1, list, reply);
  REQUIRE(s.applications.size() == 3);
  CHECK(s.applications[0].id() == 3);
  CHECK(s.applications[1].id() == 2);
  CHECK(s.applications[2].id() == 1);
  CHECK(s.applications_loaded);

  pb::ClientFrame decide;
  decide.mutable_decide_org_application()->set_application_id(3);
  decide.mutable_decide_org_application()->set_approve(true);
  pb::ServerFrame decided;
  *decided.mutable_org_application_decided()->mutable_application() = application(3, pb::APPLICATION_APPROVED, 200);
  reduce_org_sent(s, 2, decide);
  CHECK(s.busy(pb::ClientFrame::kDecideOrgApplication));
  reduce_org_reply(s, 2, decide, decided);
  CHECK_FALSE(s.busy(pb::ClientFrame::kDecideOrgApplication));
  CHECK(s.applications[0].id() == 2);  // the only pending one left
  CHECK(s.find_application(3)->status() == pb::APPLICATION_APPROVED);
}

TEST_CASE("[org] Acks mean what their command did") {
  OrgState s;
  reduce_select_org(s, OrgId{7});
  SUBCASE("revoke marks the link revoked") {
    pb::ClientFrame list;
    list.mutable_list_invite_links()->set_org_id(7);
    pb::ServerFrame links;
    links.mutable_invite_links()->add_links()->set_id(4);
    links.mutable_invite_links()->add_links()->set_id(5);
    roundtrip(s, 1, list, links);
    CHECK(s.links[0].id() == 5);  // newest first
    pb::ClientFrame revoke;
    revoke.mutable_revoke_invite_link()->set_org_id(7);
    revoke.mutable_revoke_invite_link()->set_link_id(4);
    roundtrip(s, 2, revoke, ack());
    CHECK(s.find_link(4)->revoked());
    CHECK_FALSE(s.find_link(5)->revoked());
  }
  SUBCASE("verify updates the member, the staff roster and the open profile") {
    roundtrip(s, 1, list_members(7),
              members({member(10, pb::ROLE_TEACHER, false, true), member(11, pb::ROLE_STUDENT, false, false)}));
    CHECK(s.staff.size() == 1);
    pb::ClientFrame profile;
    profile.mutable_get_profile()->set_org_id(7);
    profile.mutable_get_profile()->set_user_id(10);
    roundtrip(s, 2, profile, members({member(10, pb::ROLE_TEACHER, false, true)}));
    pb::ClientFrame verify;
    verify.mutable_verify_teacher()->set_org_id(7);
    verify.mutable_verify_teacher()->set_user_id(10);
    verify.mutable_verify_teacher()->set_verified(true);
    roundtrip(s, 3, verify, ack());
    CHECK(s.find_member(10)->user().verified_teacher());
    CHECK_FALSE(s.find_member(10)->pending_verification());
    CHECK(s.staff[0].user().verified_teacher());
    CHECK(s.profile->user().verified_teacher());
  }
  SUBCASE("a new role moves a member out of the staff roster") {
    roundtrip(s, 1, list_members(7), members({member(10, pb::ROLE_TEACHER, true, false)}));
    pb::ClientFrame role;
    role.mutable_set_member_role()->set_org_id(7);
    role.mutable_set_member_role()->set_user_id(10);
    role.mutable_set_member_role()->set_role(pb::ROLE_HEAD);
    roundtrip(s, 2, role, ack());
    CHECK(s.find_member(10)->user().role() == pb::ROLE_HEAD);
    CHECK(s.staff.size() == 1);  // a head is staff too
  }
}

TEST_CASE("[org] only the newest member search shows; the roster keeps every teacher seen") {
  OrgState s;
  const auto a = list_members(7, "Ан");
  const auto b = list_members(7, "Анна");
  reduce_org_sent(s, 1, a);
  reduce_org_sent(s, 2, b);
  reduce_org_reply(s, 2, b, members({member(10, pb::ROLE_TEACHER, true, false)}));
  reduce_org_reply(s, 1, a,
                   members({member(10, pb::ROLE_TEACHER, true, false), member(12, pb::ROLE_TEACHER, true, false)}));
  CHECK(s.members.size() == 1);  // the late, older reply did not overwrite it
  CHECK_FALSE(s.busy(pb::ClientFrame::kListMembers));
}

TEST_CASE("[org] invites: info, typed link errors, a new token forgets the old one") {
  OrgState s;
  pb::ClientFrame inspect;
  inspect.mutable_inspect_invite()->set_token("aa");
  pb::ServerFrame info;
  info.mutable_invite_info()->set_kind(pb::LINK_KIND_STUDENTS);
  info.mutable_invite_info()->set_group_name("5А");
  roundtrip(s, 1, inspect, info);
  REQUIRE(s.invite);
  CHECK(s.invite->group_name() == "5А");

  pb::ClientFrame other;
  other.mutable_inspect_invite()->set_token("bb");
  reduce_org_sent(s, 2, other);
  CHECK_FALSE(s.invite);
  reduce_org_reply(s, 2, other, error(pb::ERROR_LINK_EXPIRED));
  CHECK(s.invite_error.code() == pb::ERROR_LINK_EXPIRED);
  CHECK(s.last_error.code() == pb::ERROR_LINK_EXPIRED);
  CHECK(s.last_error_command == pb::ClientFrame::kInspectInvite);
  CHECK(s.op(pb::ClientFrame::kInspectInvite).error.code() == pb::ERROR_LINK_EXPIRED);
}

TEST_CASE("[org] another org's data is dropped when the views switch orgs") {
  OrgState s;
  pb::ClientFrame get;
  get.mutable_get_structure()->set_org_id(1);
  pb::ServerFrame structure;
  structure.mutable_structure()->set_org_id(1);
  structure.mutable_structure()->add_groups()->set_name("5А");
  roundtrip(s, 1, get, structure);
  CHECK(s.org == OrgId{1});
  REQUIRE(s.structure);
  reduce_select_org(s, OrgId{2});
  CHECK_FALSE(s.structure);
  // A late reply about org 1 does not land in org 2's view.
  pb::ClientFrame late = get;
  reduce_org_reply(s, 1, late, structure);
  CHECK_FALSE(s.structure);
}

TEST_CASE("[org] a disconnect ends every command in flight") {
  OrgState s;
  reduce_org_sent(s, 1, list_members(7));
  CHECK(s.busy(pb::ClientFrame::kListMembers));
  reduce_org_disconnected(s);
  CHECK_FALSE(s.busy(pb::ClientFrame::kListMembers));
}

// ---------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------

namespace {

pb::ClientFrame register_cmd(std::string parent_email = "") {
  pb::ClientFrame f;
  auto* r = f.mutable_register_();
  r->set_token(std::string(64, 'a'));
  r->set_display_name("Пётр Сидоров");
  r->set_login("petr@example.org");
  r->set_password("secret-pass");
  r->set_parent_email(parent_email);
  r->set_protocol_version(kProtocolVersion);
  return f;
}

}  // namespace

TEST_CASE("[org] registration with a parent's code logs in exactly like Login") {
  SyncEngine e;
  e.on_connecting();
  e.on_connected();
  auto id = e.request(register_cmd("mama@example.org"));
  REQUIRE(id.is_ok());
  auto out = frames::outgoing(e);
  REQUIRE(out.size() == 1);
  CHECK(out[0].has_register_());
  pb::ServerFrame pending;
  pending.mutable_registration_pending()->set_registration_id(std::string(32, 'b'));
  pending.mutable_registration_pending()->set_sent_to_masked("m***@example.org");
  frames::feed(e, pending, id.value());
  CHECK(e.org().registration_pending);
  CHECK(e.org().registration_sent_to == "m***@example.org");
  CHECK_FALSE(e.state().me);

  pb::ClientFrame confirm;
  confirm.mutable_confirm_registration()->set_registration_id(e.org().registration_id);
  confirm.mutable_confirm_registration()->set_code("123456");
  auto cid = e.request(confirm);
  REQUIRE(cid.is_ok());
  REQUIRE(frames::outgoing(e).size() == 1);
  pb::ServerFrame ok = frames::login_ok(5, 0, "token-5");
  auto* m = ok.mutable_login_ok()->add_memberships();
  m->set_org_id(3);
  m->set_role(pb::ROLE_STUDENT);
  frames::feed(e, ok, cid.value());
  CHECK(e.token() == "token-5");
  CHECK(e.state().connection == Connection::Online);
  CHECK(e.state().me->id() == 5);
  REQUIRE(e.state().memberships.size() == 1);
  CHECK(e.state().memberships[0].org_id() == 3);
  CHECK_FALSE(e.org().registration_pending);
  CHECK(e.session_generation() == 1);
  out = frames::outgoing(e);
  REQUIRE(out.size() == 1);
  CHECK(out[0].has_list_chats());  // chats listed, as after Login
}

TEST_CASE("[org] commands wait for the socket, and for the session when one is being resumed") {
  SyncEngine e;
  e.set_token("saved");
  pb::ClientFrame inspect;
  inspect.mutable_inspect_invite()->set_token(std::string(64, 'c'));
  REQUIRE(e.request(inspect).is_ok());
  REQUIRE(e.request(list_members(7)).is_ok());
  CHECK(frames::outgoing(e).empty());  // offline
  CHECK(e.org().busy(pb::ClientFrame::kInspectInvite));
  e.on_connecting();
  e.on_connected();
  auto out = frames::outgoing(e);
  REQUIRE(out.size() == 2);
  CHECK(out[0].has_resume_session());
  CHECK(out[1].has_inspect_invite());  // anonymous: goes at once
  frames::feed(e, frames::login_ok(1, 0, "saved"), out[0].request_id());
  out = frames::outgoing(e);
  REQUIRE(out.size() == 2);
  CHECK(out[0].has_list_chats());
  CHECK(out[1].has_list_members());  // after the session is back
}

TEST_CASE("[org] invalid commands are refused before they are sent") {
  SyncEngine e;
  e.on_connecting();
  e.on_connected();
  pb::ClientFrame bad = register_cmd();
  bad.mutable_register_()->set_login("not an address");
  auto r = e.request(bad);
  CHECK_FALSE(r.is_ok());
  CHECK(r.status().code() == pb::ERROR_INVALID_ARGUMENT);
  CHECK(frames::outgoing(e).empty());
}

TEST_CASE("[org] JoinChat: the new chat list has the joined chat; refusals are typed") {
  SyncEngine e;
  e.on_connecting();
  e.on_connected();
  e.login("teacher@demo.school", "demo-teacher");
  auto out = frames::outgoing(e);
  frames::feed(e, frames::login_ok(1), out[0].request_id());
  out = frames::outgoing(e);
  frames::feed(e, frames::chat_list({{10, 0, 0, 0, 0}}), out[0].request_id());

  pb::ClientFrame join;
  join.mutable_join_chat()->set_token(std::string(64, 'd'));
  auto id = e.request(join);
  REQUIRE(id.is_ok());
  frames::outgoing(e);
  SUBCASE("joined") {
    frames::feed(e, frames::chat_list({{10, 0, 0, 0, 0}, {11, 0, 0, 0, 0}}), id.value());
    CHECK(e.org().joined_chat == ChatId{11});
    CHECK(e.state().chats.size() == 2);
  }
  SUBCASE("refused") {
    frames::feed(e, error(pb::ERROR_WRONG_ORG), id.value());
    CHECK_FALSE(e.org().joined_chat.valid());
    CHECK(e.org().last_error.code() == pb::ERROR_WRONG_ORG);
    e.clear_error();
    CHECK(e.org().last_error.is_ok());
  }
}
