// HttpApi: uploads (sniffed, stored under data_dir/uploads with a random name)
// and the operator's document download.
#include "server/org/http_api.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "server/app/clock.h"
#include "server/app/log.h"
#include "server/auth/password.h"
#include "server/org/org_service.h"
#include "server/org/org_wire.h"
#include "server/app/viewer.h"
#include "shared/proto/protocol.h"
#include "shared/core/validation.h"

namespace parta::server {

namespace fs = std::filesystem;

namespace {

StaticReply json_reply(unsigned status, const nlohmann::json& body) {
  StaticReply reply;
  reply.status = status;
  reply.body = body.dump() + "\n";
  reply.headers.emplace_back("Content-Type", "application/json");
  reply.headers.emplace_back("Cache-Control", "no-store");
  reply.headers.emplace_back("X-Content-Type-Options", "nosniff");
  reply.headers.emplace_back("Referrer-Policy", "no-referrer");
  return reply;
}

StaticReply error_reply(unsigned status, ErrorCode code) {
  return json_reply(status, {{"error", error_code_name(code)}});
}

// Writes to a temporary name and renames, so a crash never leaves half a file under the real name.
bool write_file(const fs::path& path, std::string_view data) {
  const fs::path tmp = path.string() + ".part";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out.flush()) return false;
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) fs::remove(tmp, ec);
  return !ec;
}

}  // namespace

Status HttpApi::start(std::int64_t now_ms) {
  std::error_code ec;
  fs::create_directories(upload_dir_, ec);
  if (ec) {
    log_error("cannot create ", upload_dir_, ": ", ec.message());
    return {pb::ERROR_INTERNAL, "no upload folder"};
  }
  auto expired = store_.take_expired_uploads(now_ms);
  if (!expired) return expired.status();
  for (const auto& id : expired.value()) fs::remove(fs::path(upload_dir_) / id, ec);
  if (!expired.value().empty()) log_info(expired.value().size(), " unused upload(s) expired and deleted");
  return Status::ok();
}

bool HttpApi::take_upload_token(const std::string& remote, std::int64_t now) {
  if (buckets_.size() > 10'000) buckets_.clear();  // bounded memory under a flood of addresses
  Bucket& b = buckets_[remote];
  if (b.updated_ms != 0 && now > b.updated_ms) {
    b.tokens = std::min(kUploadBurst, b.tokens + (now - b.updated_ms) * kUploadsPerSecond / 1000.0);
  }
  b.updated_ms = now;
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

StaticReply HttpApi::handle(const ApiRequest& request) {
  const std::string_view target = request.target.substr(0, request.target.find('?'));
  if (target == "/api/upload") return upload(request);
  constexpr std::string_view kApplications = "/api/applications/";
  constexpr std::string_view kDocument = "/document";
  if (target.substr(0, kApplications.size()) == kApplications &&
      target.size() > kApplications.size() + kDocument.size() &&
      target.substr(target.size() - kDocument.size()) == kDocument) {
    return document(request,
                    target.substr(kApplications.size(), target.size() - kApplications.size() - kDocument.size()));
  }
  return error_reply(404, pb::ERROR_NOT_FOUND);
}

StaticReply HttpApi::upload(const ApiRequest& request) {
  if (request.method != "POST") {
    auto reply = error_reply(405, pb::ERROR_INVALID_ARGUMENT);
    reply.headers.emplace_back("Allow", "POST");
    return reply;
  }
  if (request.body_too_large || request.body.size() > kMaxUploadBytes)
    return error_reply(413, pb::ERROR_FILE_TOO_LARGE);
  if (!take_upload_token(request.remote, now_ms())) return error_reply(429, pb::ERROR_RATE_LIMITED);
  // The bytes decide the type; whatever the client calls it is ignored.
  const std::string_view type = sniff_document_type(request.body);
  if (type.empty()) return error_reply(415, pb::ERROR_UNSUPPORTED_FILE);
  UploadRecord record;
  record.id = random_hex(32);
  record.content_type = std::string(type);
  record.size = static_cast<std::int64_t>(request.body.size());
  record.created_at_ms = now_ms();
  record.expires_at_ms = record.created_at_ms + kUploadLifetimeMs;
  const fs::path path = fs::path(upload_dir_) / record.id;
  if (!write_file(path, request.body)) {
    log_error("cannot write upload ", path.string());
    return error_reply(500, pb::ERROR_INTERNAL);
  }
  if (auto s = store_.create_upload(record); !s) {
    std::error_code ec;
    fs::remove(path, ec);
    return error_reply(500, pb::ERROR_INTERNAL);
  }
  log_info("upload ", record.id.substr(0, 8), "... stored: ", record.content_type, ", ", record.size, " bytes");
  return json_reply(200, {{"upload_id", record.id}});
}

StaticReply HttpApi::document(const ApiRequest& request, std::string_view id_text) {
  if (request.method != "GET") {
    auto reply = error_reply(405, pb::ERROR_INVALID_ARGUMENT);
    reply.headers.emplace_back("Allow", "GET");
    return reply;
  }
  // Who asks: a session token, exactly as the WebSocket's ResumeSession takes it.
  constexpr std::string_view kBearer = "Bearer ";
  const std::string_view auth = request.authorization;
  if (auth.substr(0, kBearer.size()) != kBearer) return error_reply(401, pb::ERROR_UNAUTHENTICATED);
  const std::string_view token = auth.substr(kBearer.size());
  if (!is_token_shaped(token)) return error_reply(401, pb::ERROR_SESSION_EXPIRED);
  auto session = storage_.find_session(hash_session_token(token), now_ms());
  if (!session) return error_reply(500, pb::ERROR_INTERNAL);
  if (!session.value()) return error_reply(401, pb::ERROR_SESSION_EXPIRED);
  auto viewer = load_viewer(users_, *session.value());
  if (!viewer) return error_reply(500, pb::ERROR_INTERNAL);
  if (auto s = viewer->check(Action::ReviewApplications, OrgId()); !s) return error_reply(403, s.code());

  std::int64_t id = 0;
  for (char c : id_text) {
    if (c < '0' || c > '9' || id > 1'000'000'000'000) return error_reply(404, pb::ERROR_NOT_FOUND);
    id = id * 10 + (c - '0');
  }
  auto application = store_.find_application(ApplicationId(id));
  if (!application) return error_reply(500, pb::ERROR_INTERNAL);
  if (!application.value()) return error_reply(404, pb::ERROR_NOT_FOUND);
  const ApplicationRecord& a = *application.value();
  if (validate_token(a.document_id).code() != pb::ERROR_UNSPECIFIED) return error_reply(404, pb::ERROR_NOT_FOUND);
  const fs::path path = fs::path(upload_dir_) / a.document_id;
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return error_reply(404, pb::ERROR_NOT_FOUND);
  StaticReply reply;
  reply.status = 200;
  reply.file_path = path.string();
  reply.file_size = size;
  reply.headers.emplace_back("Content-Type", a.document_type);
  reply.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + document_file_name(a) + "\"");
  reply.headers.emplace_back("Cache-Control", "no-store");
  reply.headers.emplace_back("X-Content-Type-Options", "nosniff");
  reply.headers.emplace_back("Content-Security-Policy", "default-src 'none'; sandbox");
  reply.headers.emplace_back("Referrer-Policy", "no-referrer");
  log_info("operator ", viewer->user.get(), " downloaded the document of application ", id);
  return reply;
}

}  // namespace parta::server
