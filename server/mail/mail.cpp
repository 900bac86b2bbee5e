// MailService: the worker, the message format (RFC 5322 + MIME, base64 UTF-8),
// and delivery with libcurl's SMTP client.
#include "server/mail/mail.h"

#include <curl/curl.h>
#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <ctime>

#include "server/app/clock.h"
#include "server/app/log.h"
#include "server/auth/password.h"
#include "shared/core/validation.h"

namespace parta::server {

namespace {

std::string base64(std::string_view bytes) {
  if (bytes.empty()) return {};
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string rfc5322_date(std::int64_t now_ms) {
  const std::time_t t = static_cast<std::time_t>(now_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

// Feeds the message to libcurl.
struct Reader {
  std::string_view data;
  std::size_t offset = 0;
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* reader = static_cast<Reader*>(user);
  const std::size_t n = std::min(size * count, reader->data.size() - reader->offset);
  std::memcpy(buffer, reader->data.data() + reader->offset, n);
  reader->offset += n;
  return n;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<std::atomic<bool>*>(user)->load() ? 1 : 0;  // non-zero aborts the transfer
}

}  // namespace

bool is_plain_address(std::string_view a) {
  if (a.empty() || a.size() > 254) return false;
  for (unsigned char c : a) {
    if (c <= 0x20 || c >= 0x7F || c == '<' || c == '>' || c == '"' || c == ',' || c == ';' || c == '(' || c == ')' ||
        c == '[' || c == ']' || c == '\\' || c == ':') {
      return false;
    }
  }
  const auto at = a.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < a.size() && a.find('@', at + 1) == std::string_view::npos;
}

std::string encode_header_words(std::string_view text) {
  // At most 45 bytes per word: 60 base64 characters + 12 of framing < 75 (RFC 2047).
  constexpr std::size_t kChunk = 45;
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = std::min(text.size(), i + kChunk);
    // Never split a character: back up to the start of a UTF-8 sequence.
    while (end < text.size() && end > i && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    if (end == i) end = std::min(text.size(), i + kChunk);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

MailService::MailService(MailConfig config, Post post) : config_(std::move(config)), post_(std::move(post)) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  thread_ = std::thread([this] { run(); });
}

MailService::~MailService() {
  stop();
  curl_global_cleanup();
}

void MailService::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
    queue_.clear();
  }
  abort_ = true;
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool MailService::over_limit(const std::string& to, std::int64_t now_ms) {
  constexpr std::int64_t kHour = 3600 * 1000;
  if (sent_.size() > 10'000) sent_.clear();  // bounded memory; the limit is a courtesy, not security
  auto& [window_start, count] = sent_[to];
  if (now_ms - window_start >= kHour) {
    window_start = now_ms;
    count = 0;
  }
  return ++count > kMaxMailsPerRecipientPerHour;
}

void MailService::send(Mail mail, Done done) {
  if (!is_plain_address(mail.to)) {
    post_([done = std::move(done)] { done({pb::ERROR_INVALID_ARGUMENT, "this e-mail address cannot be mailed"}); });
    return;
  }
  if (over_limit(mail.to, now_ms())) {
    log_warn("mail to ", mask_email(mail.to), " refused: too many mails this hour");
    post_([done = std::move(done)] { done({pb::ERROR_RATE_LIMITED, "too many mails to this address; try later"}); });
    return;
  }
  if (config_.smtp_url.empty()) {
    log_info("mail (no smtp_url configured, not sent) to ", mail.to, "\nSubject: ", mail.subject, "\n", mail.body);
    post_([done = std::move(done)] { done(Status::ok()); });
    return;
  }
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;  // shutting down: the reply is dropped with the loop
    queue_.push_back(Job{std::move(mail), std::move(done)});
  }
  wake_.notify_one();
}

void MailService::run() {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    Status status = deliver(job.mail);
    post_([done = std::move(job.done), status = std::move(status)] { done(status); });
  }
}

std::string MailService::format(const Mail& mail, std::int64_t now_ms) const {
  std::string body = base64(mail.body);
  std::string wrapped;
  for (std::size_t i = 0; i < body.size(); i += 76) wrapped += body.substr(i, 76) + "\r\n";
  const std::string id = new_session_token().substr(0, 32);
  const auto at = config_.mail_from.find('@');
  const std::string domain = at == std::string::npos ? "parta.local" : config_.mail_from.substr(at + 1);
  return "Date: " + rfc5322_date(now_ms) + "\r\n" + "From: Parta <" + config_.mail_from + ">\r\n" + "To: <" + mail.to +
         ">\r\n" + "Subject: " + encode_header_words(mail.subject) + "\r\n" + "Message-ID: <" + id + "@" + domain +
         ">\r\n" +
         "MIME-Version: 1.0\r\n"
         "Content-Type: text/plain; charset=UTF-8\r\n"
         "Content-Transfer-Encoding: base64\r\n"
         "\r\n" +
         wrapped;
}

Status MailService::deliver(const Mail& mail) {
  const std::string message = format(mail, now_ms());
  CURL* curl = curl_easy_init();
  if (!curl) return {pb::ERROR_MAIL_FAILED, "mail client unavailable"};
  Reader reader{message};
  const std::string from = "<" + config_.mail_from + ">";
  const std::string to = "<" + mail.to + ">";
  curl_slist* recipients = curl_slist_append(nullptr, to.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, config_.smtp_url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_message);
  curl_easy_setopt(curl, CURLOPT_READDATA, &reader);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));  // STARTTLS when offered
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, config_.connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, config_.timeout_ms);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &abort_);
  const CURLcode rc = curl_easy_perform(curl);
  long response = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    log_warn("mail to ", mask_email(mail.to), " failed: ", curl_easy_strerror(rc), " (SMTP ", response, ")");
    return {pb::ERROR_MAIL_FAILED, "the mail server refused or was unreachable"};
  }
  log_info("mail sent to ", mask_email(mail.to));
  return Status::ok();
}

}  // namespace parta::server
