// Everything of closed school spaces, wired once by main(): the org and account
// repositories on the I/O thread's SQLite connection (SqliteOrgStore), mail, the
// services, the HTTP API and the command module the router dispatches orgs.proto's
// commands to.
#pragma once

#include <memory>

#include "server/app/config.h"
#include "server/org/http_api.h"
#include "server/auth/session_service.h"
#include "server/org/org_commands.h"
#include "server/storage/sqlite_org_store.h"

namespace parta::server {

class SqliteStorage;

class OrgModule {
 public:
  OrgModule(SqliteStorage& storage, Bus& bus, Offload offload, MailService::Post post, const Config& config);
  ~OrgModule();

  // Before serving: platform operators from the configuration, the suspended
  // orgs, expired uploads. Fails (and logs why) on a bad operator password file.
  Status start(std::int64_t now_ms);
  // The SQLite repositories of accounts, sessions and orgs (for AuthService, ChatService).
  SqliteOrgStore& store() { return store_; }
  HttpApi& http() { return http_; }
  // Login codes and sessions use the org store and mail; their commands are auth's (AuthCommands).
  SessionService& sessions() { return sessions_; }
  // The command handler, once AuthService and ChatService exist.
  OrgCommands& bind(AuthService& auth, ChatService& chats);
  // After the I/O loop stopped: aborts mail in flight and joins its worker.
  void stop() { mail_.stop(); }

 private:
  const Config& config_;
  SqliteStorage& storage_;
  SqliteOrgStore store_;
  MailService mail_;
  OrgService orgs_;
  LinkService links_;
  RegistrationService registration_;
  MemberService members_;
  SessionService sessions_;
  HttpApi http_;
  std::unique_ptr<OrgCommands> commands_;
};

}  // namespace parta::server
