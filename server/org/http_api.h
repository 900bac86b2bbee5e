// The small HTTP API beside the WebSocket: document uploads for organization
// applications, and their download by the platform operator. Beast-free, like
// static_files: it decides the answer; http_session.cpp puts it on the wire.
//
//   POST /api/upload                         anonymous; body = the file (PDF, PNG, JPEG,
//                                            at most kMaxUploadBytes; the type is sniffed).
//                                            200 {"upload_id":"<hex>"}, 413 / 415 / 429
//                                            {"error":"ERROR_..."}
//   GET  /api/applications/<id>/document     Authorization: Bearer <session token> of the
//                                            operator. 401 / 403 / 404 otherwise. Sent as an
//                                            attachment with the sniffed Content-Type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "server/auth/session_repository.h"
#include "server/auth/user_repository.h"
#include "server/net/static_files.h"
#include "server/org/application_repository.h"

namespace parta::server {

struct ApiRequest {
  std::string_view method;
  std::string_view target;
  std::string_view body;
  std::string_view authorization;  // the Authorization header, if any
  std::string remote;              // the client's address, for the upload rate limit
  bool body_too_large = false;     // the body went over the limit and was not read
};

inline constexpr double kUploadsPerSecond = 1.0;  // per client address, sustained
inline constexpr double kUploadBurst = 60;

class HttpApi {
 public:
  HttpApi(ApplicationRepository& store, SessionRepository& storage, UserRepository& users, std::string upload_dir)
      : store_(store), storage_(storage), users_(users), upload_dir_(std::move(upload_dir)) {}

  // Creates the upload folder and deletes uploads that expired unused.
  Status start(std::int64_t now_ms);

  static bool handles(std::string_view target) { return target.substr(0, 5) == "/api/"; }
  // Requests whose body may be up to kMaxUploadBytes (everything else: a few KiB).
  static bool takes_upload(std::string_view target) { return target == "/api/upload"; }

  StaticReply handle(const ApiRequest& request);

 private:
  StaticReply upload(const ApiRequest& request);
  StaticReply document(const ApiRequest& request, std::string_view id);
  bool take_upload_token(const std::string& remote, std::int64_t now_ms);

  ApplicationRepository& store_;  // uploads, applications
  SessionRepository& storage_;    // the operator's session (document downloads)
  UserRepository& users_;         // who that is
  std::string upload_dir_;
  struct Bucket {
    double tokens = kUploadBurst;
    std::int64_t updated_ms = 0;
  };
  std::unordered_map<std::string, Bucket> buckets_;  // I/O thread only
};

}  // namespace parta::server
