// Static file answers. Every name is checked before it touches the file system.
#include "server/net/static_files.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace parta::server {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

void add_common_headers(StaticReply& reply) {
  reply.headers.emplace_back("X-Content-Type-Options", "nosniff");
  reply.headers.emplace_back("Referrer-Policy", "no-referrer");
}

StaticReply text_reply(unsigned status, std::string body) {
  StaticReply reply;
  reply.status = status;
  reply.body = std::move(body);
  reply.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
  reply.headers.emplace_back("Cache-Control", "no-cache");
  add_common_headers(reply);
  return reply;
}

// Whether a comma-separated token list (Accept-Encoding) names `token` with q > 0.
bool accepts_token(std::string_view list, std::string_view token) {
  while (!list.empty()) {
    auto comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    auto semi = item.find(';');
    std::string_view name = item.substr(0, semi);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name.size() != token.size() ||
        !std::equal(name.begin(), name.end(), token.begin(), [](char a, char b) { return (a | 0x20) == b; })) {
      continue;
    }
    if (semi != std::string_view::npos) {
      std::string_view params = item.substr(semi + 1);
      auto q = params.find("q=");
      if (q != std::string_view::npos && std::strtod(std::string(params.substr(q + 2)).c_str(), nullptr) <= 0.0) {
        return false;
      }
    }
    return true;
  }
  return false;
}

// If-None-Match: "*" or a list of (possibly weak) tags.
bool etag_matches(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.substr(0, 2) == "W/") item.remove_prefix(2);
    if (item == "*" || item == etag) return true;
  }
  return false;
}

// A safe relative path, or empty when the target must be refused.
bool safe_relative_path(std::string_view target, std::string& out) {
  target = target.substr(0, target.find_first_of("?#"));
  std::string path;
  if (!percent_decode(target, path)) return false;
  if (path.empty() || path.front() != '/') return false;
  if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) return false;
  // Refuse "..", and also "." segments and hidden files (".env", ".git").
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string_view segment(path.data() + start, end - start);
    if (!segment.empty() && segment.front() == '.') return false;
    start = end + 1;
  }
  out = path.substr(1);
  if (out.empty() || out.back() == '/') out += "index.html";
  return true;
}

std::string make_etag(const struct stat& st, bool gzip) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "\"%llx-%llx%s\"", static_cast<unsigned long long>(st.st_size),
                static_cast<unsigned long long>(st.st_mtim.tv_sec) * 1000000000ULL +
                    static_cast<unsigned long long>(st.st_mtim.tv_nsec),
                gzip ? "-gz" : "");
  return buf;
}

bool regular_file(const std::string& path, struct stat& st) {
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

bool percent_decode(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out.push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size()) return false;
    const int hi = hex(in[i + 1]);
    const int lo = hex(in[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return true;
}

std::string_view mime_type(std::string_view path) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".wasm", "application/wasm"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".png", "image/png"},
      {".svg", "image/svg+xml"},
      {".ico", "image/x-icon"},
      {".ttf", "font/ttf"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
  };
  for (const auto& [ext, type] : kTypes) {
    if (ends_with(path, ext)) return type;
  }
  return "application/octet-stream";
}

StaticReply serve_static(const std::string& web_root, const StaticRequest& request) {
  const bool head = request.method == "HEAD";
  if (request.method != "GET" && !head) {
    auto reply = text_reply(405, "method not allowed\n");
    reply.headers.emplace_back("Allow", "GET, HEAD");
    return reply;
  }
  if (request.target == "/healthz") return text_reply(200, "ok\n");

  std::string relative;
  if (!safe_relative_path(request.target, relative)) return text_reply(400, "bad path\n");
  std::string path = web_root + "/" + relative;
  struct stat st {};
  if (!regular_file(path, st)) return text_reply(404, "not found\n");

  // A precompressed sibling wins when the client takes gzip.
  bool gzip = false;
  if (accepts_token(request.accept_encoding, "gzip")) {
    struct stat gz {};
    if (regular_file(path + ".gz", gz)) {
      path += ".gz";
      st = gz;
      gzip = true;
    }
  }
  StaticReply reply;
  const std::string etag = make_etag(st, gzip);
  reply.headers.emplace_back("Content-Type", std::string(mime_type(relative)));
  reply.headers.emplace_back("Cache-Control", "no-cache");  // names are not content-hashed yet
  // The service worker lives at the root and controls the whole origin; the
  // browser checks it for a new version on each visit (no-cache above: a 304).
  if (relative == "sw.js") reply.headers.emplace_back("Service-Worker-Allowed", "/");
  reply.headers.emplace_back("ETag", etag);
  reply.headers.emplace_back("Vary", "Accept-Encoding");
  if (gzip) reply.headers.emplace_back("Content-Encoding", "gzip");
  add_common_headers(reply);
  if (!request.if_none_match.empty() && etag_matches(request.if_none_match, etag)) {
    reply.status = 304;
    return reply;
  }
  reply.status = 200;
  reply.file_size = static_cast<std::uint64_t>(st.st_size);
  if (!head) reply.file_path = path;
  return reply;
}

}  // namespace parta::server
