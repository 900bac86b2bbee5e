// OrgWorld: the org tests' server, SMTP sink and operator.
#include "org_world.h"

#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace parta::test {

namespace {

std::unique_ptr<OrgWorld> g_world;

}  // namespace

OrgWorld::OrgWorld() {
  write_test_web_root(web_.path());
  const std::string password_file = data_.path() + "/operator.password";
  {
    std::ofstream out(password_file);
    out << kOperatorPassword << "\n";
  }
  server_.extra_args = {"--smtp-url",        mail_.url(),    "--public-url",
                        kPublicUrl,          "--mail-from",  "parta@school.test",
                        "--create-operator", kOperatorEmail, "--operator-password-file",
                        password_file};
  server_.start();
}

const std::string& OrgWorld::operator_token() {
  if (operator_token_.empty()) operator_token_ = login_session(port(), kOperatorEmail, kOperatorPassword).ok.token();
  return operator_token_;
}

OrgWorld& org_world() {
  if (!g_world) g_world = std::make_unique<OrgWorld>();
  return *g_world;
}

int stop_org_world() {
  if (!g_world) return 0;
  const int code = g_world->server().terminate();
  if (code != 0)
    std::fprintf(stderr, "org server: SIGTERM exit status %d\n--- log ---\n%s\n", code,
                 g_world->server().log().c_str());
  if (std::getenv("PARTA_IT_SHOW_LOG"))
    std::fprintf(stderr, "--- org server log ---\n%s\n", g_world->server().log().c_str());
  g_world.reset();
  return code;
}

Session login_session(std::uint16_t port, const std::string& login, const std::string& password) {
  Session s;
  s.client = std::make_unique<WsClient>(port);
  auto reply = call(*s.client, cmd::login(login, password));
  if (!reply.has_login_ok()) throw std::runtime_error("login " + login + ": " + error_name(reply));
  s.ok = reply.login_ok();
  return s;
}

Session register_session(std::uint16_t port, const std::string& token, const std::string& name,
                         const std::string& login, const std::string& password) {
  Session s;
  s.client = std::make_unique<WsClient>(port);
  auto reply = call(*s.client, cmd::register_(token, name, login, password));
  if (!reply.has_login_ok()) throw std::runtime_error("register " + login + ": " + error_name(reply));
  s.ok = reply.login_ok();
  return s;
}

std::int64_t create_org(OrgWorld& world, const Applicant& applicant) {
  forbid_in_replies(applicant.email);
  std::string digits;
  for (char c : applicant.phone) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  forbid_in_replies(digits.substr(1));  // the number without its country code
  WsClient anonymous(world.port());
  auto submitted = call(anonymous, cmd::submit(applicant, upload(world.port(), pdf_bytes())));
  if (!submitted.has_org_application_submitted()) throw std::runtime_error("submit: " + error_name(submitted));
  auto op = resumed(world.port(), world.operator_token());
  auto decided = call(*op, cmd::decide(submitted.org_application_submitted().application_id(), true));
  if (!decided.has_org_application_decided()) throw std::runtime_error("approve: " + error_name(decided));
  return decided.org_application_decided().application().org_id();
}

pb::InviteLink make_link(WsClient& client, pb::ClientFrame create_link) {
  auto reply = call(client, std::move(create_link));
  if (!reply.has_invite_link_created()) throw std::runtime_error("create link: " + error_name(reply));
  return reply.invite_link_created().link();
}

}  // namespace parta::test
