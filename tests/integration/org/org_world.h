// The server the org tests share: its own data dir (so the demo tests' counts
// stay untouched), a real SMTP server (MailSink), and a platform operator made
// with --create-operator. Started on first use; main() stops it and fails the
// run unless it exits 0.
#pragma once

#include <memory>
#include <string>

#include "mail_sink.h"
#include "org_client.h"
#include "server_process.h"

namespace parta::test {

inline constexpr const char* kOperatorEmail = "ops@platform.test";
inline constexpr const char* kOperatorPassword = "operator-pass-1";
inline constexpr const char* kPublicUrl = "https://parta.school.test";

class OrgWorld {
 public:
  OrgWorld();
  std::uint16_t port() const { return server_.port(); }
  MailSink& mail() { return mail_; }
  ServerProcess& server() { return server_; }
  // The operator's session token (logged in once).
  const std::string& operator_token();

 private:
  MailSink mail_;
  TempDir data_{"parta-it-orgs-"};
  TempDir web_{"parta-it-web-"};
  ServerProcess server_{data_.path(), web_.path()};
  std::string operator_token_;
};

OrgWorld& org_world();
// main(): SIGTERM the org server if it ran; its exit code (0 if it never started), log on failure.
int stop_org_world();

// A logged-in connection and what LoginOk said.
struct Session {
  std::unique_ptr<WsClient> client;
  pb::LoginOk ok;
  std::int64_t id() const { return ok.me().id(); }
  const std::string& token() const { return ok.token(); }
};
Session login_session(std::uint16_t port, const std::string& login, const std::string& password);
// Registers through `token`; throws unless LoginOk.
Session register_session(std::uint16_t port, const std::string& token, const std::string& name,
                         const std::string& login, const std::string& password);

// Uploads a PDF, submits the application and has the operator approve it. Returns the org id.
std::int64_t create_org(OrgWorld& world, const Applicant& applicant);
// A link's token (throws unless InviteLinkCreated).
pb::InviteLink make_link(WsClient& client, pb::ClientFrame create_link);

}  // namespace parta::test
