// Static files and /healthz: MIME types, gzip variants, ETags, path traversal.
#include <doctest/doctest.h>

#include "fixture.h"
#include "server_process.h"
#include "test_client.h"

using namespace parta;
using namespace parta::test;

TEST_CASE("[http] / serves index.html with safe headers") {
  auto res = http_request(shared_port(), "GET", "/");
  CHECK_EQ(res.status, 200);
  CHECK(res.header("content-type").rfind("text/html", 0) == 0);
  CHECK_EQ(res.body, read_file(shared_web_root() + "/index.html"));
  CHECK_EQ(res.header("x-content-type-options"), "nosniff");
  CHECK_EQ(res.header("referrer-policy"), "no-referrer");
  CHECK_EQ(res.header("cache-control"), "no-cache");
  CHECK_FALSE(res.header("etag").empty());
}

TEST_CASE("[http] MIME types") {
  CHECK(http_request(shared_port(), "GET", "/x.js").header("content-type").rfind("text/javascript", 0) == 0);
  auto wasm = http_request(shared_port(), "GET", "/x.wasm");
  CHECK_EQ(wasm.status, 200);
  CHECK_EQ(wasm.header("content-type"), "application/wasm");
  CHECK_EQ(wasm.body, read_file(shared_web_root() + "/x.wasm"));
  CHECK(wasm.header("content-encoding").empty());
}

TEST_CASE("[http] the .gz sibling is sent to clients that accept gzip") {
  auto res = http_request(shared_port(), "GET", "/x.wasm", {{"Accept-Encoding", "br, gzip, deflate"}});
  CHECK_EQ(res.status, 200);
  CHECK_EQ(res.header("content-encoding"), "gzip");
  CHECK_EQ(res.header("content-type"), "application/wasm");
  CHECK_EQ(res.header("vary"), "Accept-Encoding");
  CHECK_EQ(res.body, read_file(shared_web_root() + "/x.wasm.gz"));
  // No .gz beside x.js: sent as is.
  auto js = http_request(shared_port(), "GET", "/x.js", {{"Accept-Encoding", "gzip"}});
  CHECK(js.header("content-encoding").empty());
  // gzip;q=0 means "not gzip".
  auto refused = http_request(shared_port(), "GET", "/x.wasm", {{"Accept-Encoding", "gzip;q=0"}});
  CHECK(refused.header("content-encoding").empty());
}

TEST_CASE("[http] If-None-Match with the current ETag gives 304") {
  auto first = http_request(shared_port(), "GET", "/x.js");
  const std::string etag = first.header("etag");
  REQUIRE_FALSE(etag.empty());
  auto again = http_request(shared_port(), "GET", "/x.js", {{"If-None-Match", etag}});
  CHECK_EQ(again.status, 304);
  CHECK(again.body.empty());
  auto other = http_request(shared_port(), "GET", "/x.js", {{"If-None-Match", "\"something-else\""}});
  CHECK_EQ(other.status, 200);
  // The gzip variant has its own tag.
  auto gz = http_request(shared_port(), "GET", "/x.wasm", {{"Accept-Encoding", "gzip"}});
  auto plain = http_request(shared_port(), "GET", "/x.wasm");
  CHECK_NE(gz.header("etag"), plain.header("etag"));
}

TEST_CASE("[http] path traversal and odd paths are refused") {
  for (const char* target : {"/../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E%2Fetc%2Fpasswd", "/..%2f..%2fetc/passwd",
                             "/x.js%00.html", "/%zz", "/.hidden", "/sub/../index.html", "//etc/passwd"}) {
    CAPTURE(target);
    auto res = http_request(shared_port(), "GET", target);
    CHECK_NE(res.status, 200);
    CHECK(res.body.find("root:") == std::string::npos);
  }
  CHECK_EQ(http_request(shared_port(), "GET", "/missing.js").status, 404);
}

TEST_CASE("[http] methods: HEAD works, others get 405") {
  auto head = http_request(shared_port(), "HEAD", "/x.wasm");
  CHECK_EQ(head.status, 200);
  CHECK_EQ(head.header("content-length"), std::to_string(read_file(shared_web_root() + "/x.wasm").size()));
  CHECK(head.body.empty());
  auto post = http_request(shared_port(), "POST", "/");
  CHECK_EQ(post.status, 405);
  CHECK_EQ(post.header("allow"), "GET, HEAD");
  CHECK_EQ(http_request(shared_port(), "DELETE", "/x.js").status, 405);
}

TEST_CASE("[http] /healthz") {
  auto res = http_request(shared_port(), "GET", "/healthz");
  CHECK_EQ(res.status, 200);
  CHECK_EQ(res.body, "ok\n");
}
