// The real SMTP server of the org tests: tests/integration/smtp_sink.py
// (aiosmtpd) in a child process, and bounded waits for what it received.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "server_process.h"

namespace parta::test {

struct ReceivedMail {
  std::string file;
  std::string to;
  std::string subject;      // decoded
  std::string raw_subject;  // as on the wire
  std::string content_type;
  std::string body;  // decoded
};

class MailSink {
 public:
  MailSink();  // starts the sink and waits until it listens; throws on failure
  ~MailSink();
  MailSink(const MailSink&) = delete;
  MailSink& operator=(const MailSink&) = delete;

  std::uint16_t port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  // The oldest mail to `to` not taken yet; throws after `timeout`.
  ReceivedMail wait_for(const std::string& to, std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // Every mail to `to` so far (taken or not), oldest first.
  std::vector<ReceivedMail> all_to(const std::string& to) const;

 private:
  std::vector<ReceivedMail> read_all() const;

  TempDir dir_{"parta-it-mail-"};
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::set<std::string> taken_;
};

// The first run of `digits` consecutive ASCII digits in `text` (empty if none).
std::string find_digits(const std::string& text, std::size_t digits);
// The token of the first "/#/join/<64 hex>" in `text` (empty if none).
std::string find_join_token(const std::string& text);

}  // namespace parta::test
