// MailSink: fork/exec of the aiosmtpd sink, reading its mail files.
#include "mail_sink.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <thread>

#ifndef PARTA_SMTP_SINK
#error "PARTA_SMTP_SINK must name tests/integration/smtp_sink.py"
#endif

namespace parta::test {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

MailSink::MailSink() {
  const std::string ready = dir_.path() + "/ready";
  const std::string mail_dir = dir_.path() + "/mail";
  fs::create_directories(mail_dir);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    ::execl("/usr/bin/python3", "python3", PARTA_SMTP_SINK, mail_dir.c_str(), ready.c_str(), nullptr);
    ::_exit(127);
  }
  pid_ = pid;
  remember_child(pid);
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      forget_child(pid_);
      pid_ = -1;
      throw std::runtime_error("the SMTP sink exited (is python3-aiosmtpd installed?)");
    }
    const std::string text = read_file(ready);
    if (!text.empty()) {
      port_ = static_cast<std::uint16_t>(std::atoi(text.c_str()));
      return;
    }
    std::this_thread::sleep_for(10ms);
  }
  throw std::runtime_error("the SMTP sink did not start");
}

MailSink::~MailSink() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  forget_child(pid_);
}

std::vector<ReceivedMail> MailSink::read_all() const {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir_.path() + "/mail")) {
    const std::string name = entry.path().filename().string();
    if (name.size() > 5 && name.substr(name.size() - 5) == ".mail") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  std::vector<ReceivedMail> out;
  for (const auto& file : files) {
    const std::string text = read_file(file);
    ReceivedMail mail;
    mail.file = file;
    const auto blank = text.find("\n\n");
    std::string head = text.substr(0, blank);
    mail.body = blank == std::string::npos ? "" : text.substr(blank + 2);
    std::size_t pos = 0;
    while (pos < head.size()) {
      auto end = head.find('\n', pos);
      if (end == std::string::npos) end = head.size();
      const std::string line = head.substr(pos, end - pos);
      auto value = [&](const char* name) { return line.substr(std::string(name).size()); };
      if (line.rfind("To: ", 0) == 0) mail.to = value("To: ");
      if (line.rfind("Subject: ", 0) == 0) mail.subject = value("Subject: ");
      if (line.rfind("Raw-Subject: ", 0) == 0) mail.raw_subject = value("Raw-Subject: ");
      if (line.rfind("Content-Type: ", 0) == 0) mail.content_type = value("Content-Type: ");
      pos = end + 1;
    }
    out.push_back(std::move(mail));
  }
  return out;
}

ReceivedMail MailSink::wait_for(const std::string& to, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    for (auto& mail : read_all()) {
      if (mail.to == to && taken_.insert(mail.file).second) return mail;
    }
    if (std::chrono::steady_clock::now() >= deadline) throw std::runtime_error("no mail to " + to);
    std::this_thread::sleep_for(10ms);
  }
}

std::vector<ReceivedMail> MailSink::all_to(const std::string& to) const {
  std::vector<ReceivedMail> out;
  for (auto& mail : read_all()) {
    if (mail.to == to) out.push_back(std::move(mail));
  }
  return out;
}

std::string find_digits(const std::string& text, std::size_t digits) {
  for (std::size_t i = 0; i + digits <= text.size(); ++i) {
    std::size_t n = 0;
    while (i + n < text.size() && std::isdigit(static_cast<unsigned char>(text[i + n]))) ++n;
    if (n == digits && (i == 0 || !std::isdigit(static_cast<unsigned char>(text[i - 1])))) return text.substr(i, n);
    if (n > 0) i += n - 1;
  }
  return {};
}

std::string find_join_token(const std::string& text) {
  const std::string marker = "/#/join/";
  const auto at = text.find(marker);
  if (at == std::string::npos || at + marker.size() + 64 > text.size()) return {};
  return text.substr(at + marker.size(), 64);
}

}  // namespace parta::test
