// QR codes read back by a real decoder: each symbol is drawn as the links view
// draws it (quiet zone, whole pixels per module), saved as a PGM image and
// decoded with zbarimg (zbar-tools); the text must come back unchanged.
// Native only (tests/unit/CMakeLists.txt): it runs a process.
#include "client/app/ui/qr.h"

#include <doctest/doctest.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <string>

using namespace parta::ui;

namespace {

// An 8-bit greyscale image of the symbol: `quiet` light modules around it, each
// module `scale` pixels square.
std::string to_pgm(const QrCode& q, int quiet, int scale) {
  const int side = (q.size + 2 * quiet) * scale;
  std::string img = "P5\n" + std::to_string(side) + " " + std::to_string(side) + "\n255\n";
  const std::size_t header = img.size();
  img.resize(header + static_cast<std::size_t>(side) * side, static_cast<char>(255));
  for (int py = 0; py < side; ++py) {
    for (int px = 0; px < side; ++px) {
      const int x = px / scale - quiet, y = py / scale - quiet;
      if (x >= 0 && y >= 0 && x < q.size && y < q.size && q.dark(x, y))
        img[header + static_cast<std::size_t>(py) * side + px] = 0;
    }
  }
  return img;
}

struct Decoded {
  int status = -1;   // zbarimg's exit status: 0 when a symbol was found
  std::string text;  // its data, without the newline zbarimg adds
};

Decoded zbar_decode(const std::string& image) {
  char path[] = "/tmp/parta-qr-XXXXXX.pgm";
  const int fd = mkstemps(path, 4);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, image.data(), image.size()) == static_cast<ssize_t>(image.size()));
  close(fd);
  Decoded out;
  const std::string cmd = std::string(PARTA_ZBARIMG) + " --raw -q --nodbus " + path;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.text.append(buf, n);
    const int rc = pclose(p);
    out.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  }
  unlink(path);
  if (!out.text.empty() && out.text.back() == '\n') out.text.pop_back();
  return out;
}

}  // namespace

TEST_CASE("[qr] zbarimg decodes what qr_encode makes") {
  const std::string token(64, 'a');  // the shape of a real link token: 64 hex digits
  const std::string cyrillic = "\u041F\u0440\u0438\u0433\u043B\u0430\u0448\u0435\u043D\u0438\u0435 \u0432 "
                               "\u0448\u043A\u043E\u043B\u0443 \u2116 57";  // "Приглашение в школу № 57"
  const std::string inputs[] = {
      "https://school.example/#/join/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "https://parta.school-number-1429.example.org:8443/#/join/" + token + "?utm=a-rather-long-tail",
      // The longest that fits: version 10.
      "https://school.example/#/join/" + token + "?from=" + std::string(213 - 30 - 64 - 6, 'q'),
      cyrillic,
      "x",
  };
  for (const std::string& text : inputs) {
    CAPTURE(text);
    const QrCode q = qr_encode(text);
    REQUIRE(q.ok());
    const Decoded d = zbar_decode(to_pgm(q, 4, 4));
    CHECK(d.status == 0);
    CHECK(d.text == text);
  }
}

TEST_CASE("[qr] every mask pattern decodes") {
  const std::string url = "https://school.example/#/join/" + std::string(64, 'f');
  for (int mask = 0; mask < 8; ++mask) {
    CAPTURE(mask);
    const QrCode q = qr_encode(url, mask);
    REQUIRE(q.ok());
    CHECK(zbar_decode(to_pgm(q, 4, 3)).text == url);
  }
}
