// Static files of the web client: path checks, MIME types, gzip variants, ETags.
// Beast-free: it decides what to answer; http_session.cpp puts it on the wire.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parta::server {

struct StaticRequest {
  std::string_view method;  // "GET", "HEAD", ...
  std::string_view target;  // raw request target, e.g. "/x.js?v=1"
  std::string_view accept_encoding;
  std::string_view if_none_match;
};

struct StaticReply {
  unsigned status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Length
  std::string body;                                          // small inline bodies (errors, /healthz)
  std::string file_path;                                     // when set: send this file's contents (GET only)
  std::uint64_t file_size = 0;
};

// Builds the answer for one request against `web_root` (an absolute, normalized path).
StaticReply serve_static(const std::string& web_root, const StaticRequest& request);

// Exposed for tests: percent-decodes a path; false on bad escapes.
bool percent_decode(std::string_view in, std::string& out);
std::string_view mime_type(std::string_view path);

}  // namespace parta::server
