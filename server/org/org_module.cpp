// OrgModule: construction order and start-up work.
#include "server/org/org_module.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "server/app/log.h"
#include "server/auth/password.h"
#include "server/storage/sqlite_storage.h"
#include "shared/core/validation.h"

namespace parta::server {

namespace fs = std::filesystem;

namespace {

MailConfig mail_config(const Config& config) {
  MailConfig mail;
  mail.smtp_url = config.smtp_url;
  mail.mail_from = config.mail_from;
  return mail;
}

// The first line of a password file, without its line break.
std::optional<std::string> read_password_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  return line;
}

}  // namespace

OrgModule::OrgModule(SqliteStorage& storage, Bus& bus, Offload offload, MailService::Post post, const Config& config)
    : config_(config),
      storage_(storage),
      store_(storage),
      mail_(mail_config(config), std::move(post)),
      orgs_(store_, store_, store_, store_, offload),
      links_(store_, store_, storage),
      registration_(store_, store_, store_, store_, links_, mail_, offload, config.public_url),
      members_(store_, storage),
      sessions_(store_, store_, bus, mail_),
      http_(store_, store_, store_, (fs::path(config.data_dir) / "uploads").string()) {}

OrgModule::~OrgModule() { stop(); }

Status OrgModule::start(std::int64_t now_ms) {
  for (const OperatorConfig& op : config_.operators) {
    const std::string email = normalize_login(op.email);
    if (auto s = validate_email(email); !s) {
      log_error("operator ", op.email, ": ", s.message());
      return s;
    }
    auto password = read_password_file(op.password_file);
    if (!password || password->size() < kMinPasswordChars || !validate_password(*password)) {
      log_error("operator ", email, ": cannot read a password of at least ", kMinPasswordChars, " characters from ",
                op.password_file);
      return {pb::ERROR_INVALID_ARGUMENT, "bad operator password file"};
    }
    auto hash = hash_password(*password);
    if (!hash) return {pb::ERROR_INTERNAL, "password hashing failed"};
    auto id = store_.ensure_operator(email, "Оператор платформы", *hash, now_ms);
    if (!id) return id.status();
    log_info("platform operator ", mask_email(email), " is user ", id.value().get());
  }
  if (auto s = orgs_.load(); !s) return s;
  if (auto s = http_.start(now_ms); !s) return s;
  if (config_.smtp_url.empty()) log_info("no smtp_url: mails are written to this log instead of being sent");
  return Status::ok();
}

OrgCommands& OrgModule::bind(AuthService& auth, ChatService& chats) {
  commands_ = std::make_unique<OrgCommands>(
      OrgServices{store_, storage_, auth, chats, orgs_, links_, registration_, members_});
  return *commands_;
}

}  // namespace parta::server
