// Outgoing mail over SMTP (libcurl) on a worker thread of its own, so a slow or
// dead mail server never blocks the I/O thread. Each send's result comes back on
// the I/O thread (through `post`); the command that caused it answers then.
// Without an smtp_url the mail is written to the log at INFO instead (tools/run).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "shared/core/result.h"

namespace parta::server {

struct MailConfig {
  std::string smtp_url;   // e.g. smtp://127.0.0.1:2525 or smtps://user:pass@host; empty: log only
  std::string mail_from;  // envelope and From: address
  long connect_timeout_ms = 5'000;
  long timeout_ms = 20'000;
};

struct Mail {
  std::string to;       // one address, already validated
  std::string subject;  // UTF-8; RFC 2047 encoded on the wire
  std::string body;     // UTF-8 plain text
};

inline constexpr int kMaxMailsPerRecipientPerHour = 10;

class MailService {
 public:
  using Post = std::function<void(std::function<void()>)>;  // runs a task on the I/O thread
  using Done = std::function<void(Status)>;                 // ok, MAIL_FAILED, RATE_LIMITED, INVALID_ARGUMENT

  MailService(MailConfig config, Post post);
  ~MailService();
  MailService(const MailService&) = delete;
  MailService& operator=(const MailService&) = delete;

  // I/O thread. `done` runs later on the I/O thread (never inside send()).
  void send(Mail mail, Done done);
  // Drops what is queued, aborts the mail in flight, joins the worker. Idempotent.
  void stop();

  // Exposed for tests and logs: the whole RFC 5322 message as sent.
  std::string format(const Mail& mail, std::int64_t now_ms) const;

 private:
  struct Job {
    Mail mail;
    Done done;
  };
  void run();
  Status deliver(const Mail& mail);
  bool over_limit(const std::string& to, std::int64_t now_ms);

  MailConfig config_;
  Post post_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;  // guarded by mutex_
  bool stopping_ = false;  // guarded by mutex_
  std::atomic<bool> abort_{false};
  std::thread thread_;
  // I/O thread only: mails per recipient in the current hour.
  std::unordered_map<std::string, std::pair<std::int64_t, int>> sent_;
};

// A mailbox address we are willing to put in RCPT TO and To: (no spaces, quotes,
// brackets, commas or controls: nothing that could bend the SMTP dialogue).
bool is_plain_address(std::string_view address);
// "=?UTF-8?B?...?=" words (folded), each holding whole characters.
std::string encode_header_words(std::string_view text);

}  // namespace parta::server
