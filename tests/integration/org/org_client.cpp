// Org test helpers: HTTP with bodies, command builders, scanned calls.
#include "org_client.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <stdexcept>

namespace parta::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

HttpResponse http_send(std::uint16_t port, const std::string& method, const std::string& target,
                       const std::string& body, const std::vector<std::pair<std::string, std::string>>& headers,
                       Ms timeout) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(timeout);
  beast::flat_buffer buffer;
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::connection, "close");
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  req.prepare_payload();
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  beast::error_code result;
  bool done = false;
  stream.async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), [&](beast::error_code ec) {
    if (ec) {
      result = ec;
      done = true;
      return;
    }
    http::async_write(stream, req, [&](beast::error_code wec, std::size_t) {
      // A server may answer (413) before it read everything: read the answer anyway.
      (void)wec;
      http::async_read(stream, buffer, parser, [&](beast::error_code rec, std::size_t) {
        result = rec;
        done = true;
      });
    });
  });
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done && std::chrono::steady_clock::now() < deadline) ioc.run_one_until(deadline);
  if (!done) {
    stream.cancel();
    ioc.restart();
    ioc.run_for(std::chrono::seconds(2));
    throw std::runtime_error("HTTP " + target + ": timeout");
  }
  if (result) throw std::runtime_error("HTTP " + target + ": " + result.message());
  HttpResponse out;
  const auto& res = parser.get();
  out.status = static_cast<int>(res.result_int());
  for (const auto& field : res) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(field.value());
  }
  out.body = res.body();
  return out;
}

std::string pdf_bytes() {
  return "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
         "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
}

std::string png_bytes() { return std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16) + std::string(64, '\x01'); }

std::string upload(std::uint16_t port, const std::string& bytes) {
  auto res = http_send(port, "POST", "/api/upload", bytes, {{"Content-Type", "application/octet-stream"}});
  if (res.status != 200) throw std::runtime_error("upload failed: " + std::to_string(res.status) + " " + res.body);
  const std::string key = "\"upload_id\":\"";
  const auto at = res.body.find(key);
  if (at == std::string::npos) throw std::runtime_error("upload: no id in " + res.body);
  return res.body.substr(at + key.size(), 64);
}

namespace {

std::mutex g_forbidden_mutex;
std::vector<std::string> g_forbidden = {"demo.school"};

void scan(const std::string& bytes) {
  std::lock_guard lock(g_forbidden_mutex);
  for (const auto& bad : g_forbidden) {
    if (bytes.find(bad) != std::string::npos) throw std::runtime_error("a reply contains a contact: " + bad);
  }
}

}  // namespace

void forbid_in_replies(const std::string& text) {
  std::lock_guard lock(g_forbidden_mutex);
  g_forbidden.push_back(text);
}

pb::ServerFrame call(WsClient& client, pb::ClientFrame frame, Ms timeout) {
  const std::uint64_t id = client.send(std::move(frame));
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<Ms>(deadline - std::chrono::steady_clock::now());
    if (left <= Ms(0)) throw std::runtime_error("no reply to request " + std::to_string(id));
    auto raw = client.read_raw(left);
    if (!raw) throw std::runtime_error("connection closed while waiting for a reply");
    scan(*raw);
    auto decoded = decode_server_frame(*raw);
    if (!decoded) throw std::runtime_error("undecodable frame");
    if (decoded->request_id() == id) return std::move(decoded).value();
    if (decoded->request_id() != 0) throw std::runtime_error("a reply to another request");
  }
}

std::unique_ptr<WsClient> resumed(std::uint16_t port, const std::string& token) {
  auto client = std::make_unique<WsClient>(port);
  pb::ClientFrame frame;
  frame.mutable_resume_session()->set_token(token);
  frame.mutable_resume_session()->set_protocol_version(kProtocolVersion);
  auto reply = call(*client, std::move(frame));
  if (!reply.has_login_ok()) throw std::runtime_error("resume failed: " + error_name(reply));
  return client;
}

namespace cmd {

pb::ClientFrame submit(const Applicant& a, const std::string& upload_id) {
  pb::ClientFrame f;
  auto* c = f.mutable_submit_org_application();
  c->set_org_name(a.org_name);
  c->set_region(a.region);
  c->set_address(a.address);
  c->set_type(a.type);
  c->set_admin_name(a.admin_name);
  c->set_admin_phone(a.phone);
  c->set_admin_email(a.email);
  c->set_admin_password(a.password);
  c->set_document_upload_id(upload_id);
  return f;
}

pb::ClientFrame list_applications(pb::ApplicationStatus status) {
  pb::ClientFrame f;
  f.mutable_list_org_applications()->set_status(status);
  return f;
}

pb::ClientFrame decide(std::int64_t application, bool approve, const std::string& reason) {
  pb::ClientFrame f;
  auto* c = f.mutable_decide_org_application();
  c->set_application_id(application);
  c->set_approve(approve);
  c->set_reason(reason);
  return f;
}

pb::ClientFrame set_suspended(std::int64_t org, bool suspended) {
  pb::ClientFrame f;
  f.mutable_set_org_suspended()->set_org_id(org);
  f.mutable_set_org_suspended()->set_suspended(suspended);
  return f;
}

pb::ClientFrame get_structure(std::int64_t org) {
  pb::ClientFrame f;
  f.mutable_get_structure()->set_org_id(org);
  return f;
}

pb::ClientFrame create_group(std::int64_t org, pb::GroupKind kind, const std::string& name) {
  pb::ClientFrame f;
  auto* c = f.mutable_create_group();
  c->set_org_id(org);
  c->set_kind(kind);
  c->set_name(name);
  return f;
}

pb::ClientFrame assign_class_teacher(std::int64_t org, std::int64_t group, std::int64_t teacher) {
  pb::ClientFrame f;
  auto* c = f.mutable_assign_class_teacher();
  c->set_org_id(org);
  c->set_group_id(group);
  c->set_teacher_id(teacher);
  return f;
}

pb::ClientFrame set_journal_url(std::int64_t org, const std::string& url) {
  pb::ClientFrame f;
  f.mutable_set_journal_url()->set_org_id(org);
  f.mutable_set_journal_url()->set_url(url);
  return f;
}

pb::ClientFrame create_link(std::int64_t org, pb::LinkKind kind, std::int64_t group, std::int64_t chat,
                            std::int64_t expires_at_ms, std::uint32_t max_uses) {
  pb::ClientFrame f;
  auto* c = f.mutable_create_invite_link();
  c->set_org_id(org);
  c->set_kind(kind);
  c->set_group_id(group);
  c->set_chat_id(chat);
  c->set_expires_at_ms(expires_at_ms);
  c->set_max_uses(max_uses);
  return f;
}

pb::ClientFrame list_links(std::int64_t org) {
  pb::ClientFrame f;
  f.mutable_list_invite_links()->set_org_id(org);
  return f;
}

pb::ClientFrame revoke_link(std::int64_t org, std::int64_t link) {
  pb::ClientFrame f;
  f.mutable_revoke_invite_link()->set_org_id(org);
  f.mutable_revoke_invite_link()->set_link_id(link);
  return f;
}

pb::ClientFrame inspect(const std::string& token) {
  pb::ClientFrame f;
  f.mutable_inspect_invite()->set_token(token);
  return f;
}

pb::ClientFrame register_(const std::string& token, const std::string& name, const std::string& login,
                          const std::string& password, const std::string& parent_email) {
  pb::ClientFrame f;
  auto* c = f.mutable_register_();
  c->set_token(token);
  c->set_display_name(name);
  c->set_login(login);
  c->set_password(password);
  c->set_parent_email(parent_email);
  c->set_protocol_version(kProtocolVersion);
  return f;
}

pb::ClientFrame confirm(const std::string& registration_id, const std::string& code) {
  pb::ClientFrame f;
  f.mutable_confirm_registration()->set_registration_id(registration_id);
  f.mutable_confirm_registration()->set_code(code);
  return f;
}

pb::ClientFrame join_chat(const std::string& token) {
  pb::ClientFrame f;
  f.mutable_join_chat()->set_token(token);
  return f;
}

pb::ClientFrame create_chat(std::int64_t org, const std::string& title, const std::vector<std::int64_t>& members) {
  pb::ClientFrame f;
  auto* c = f.mutable_create_chat();
  c->set_org_id(org);
  c->set_title(title);
  for (auto m : members) c->add_member_ids(m);
  return f;
}

pb::ClientFrame verify_teacher(std::int64_t org, std::int64_t user, bool verified) {
  pb::ClientFrame f;
  auto* c = f.mutable_verify_teacher();
  c->set_org_id(org);
  c->set_user_id(user);
  c->set_verified(verified);
  return f;
}

pb::ClientFrame set_role(std::int64_t org, std::int64_t user, pb::Role role) {
  pb::ClientFrame f;
  auto* c = f.mutable_set_member_role();
  c->set_org_id(org);
  c->set_user_id(user);
  c->set_role(role);
  return f;
}

pb::ClientFrame list_members(std::int64_t org, const std::string& query, pb::Role role, std::int64_t group,
                             bool pending_only) {
  pb::ClientFrame f;
  auto* c = f.mutable_list_members();
  c->set_org_id(org);
  c->set_query(query);
  c->set_role(role);
  c->set_group_id(group);
  c->set_pending_only(pending_only);
  return f;
}

pb::ClientFrame get_profile(std::int64_t org, std::int64_t user) {
  pb::ClientFrame f;
  f.mutable_get_profile()->set_org_id(org);
  f.mutable_get_profile()->set_user_id(user);
  return f;
}

pb::ClientFrame invite_parent(const std::string& email) {
  pb::ClientFrame f;
  f.mutable_invite_parent()->set_parent_email(email);
  return f;
}

pb::ClientFrame request_login_code(const std::string& email) {
  pb::ClientFrame f;
  f.mutable_request_login_code()->set_email(email);
  return f;
}

pb::ClientFrame login_with_code(const std::string& email, const std::string& code) {
  pb::ClientFrame f;
  auto* c = f.mutable_login_with_code();
  c->set_email(email);
  c->set_code(code);
  c->set_protocol_version(kProtocolVersion);
  return f;
}

pb::ClientFrame list_sessions() {
  pb::ClientFrame f;
  f.mutable_list_sessions();
  return f;
}

pb::ClientFrame end_sessions(const std::string& id) {
  pb::ClientFrame f;
  f.mutable_end_sessions()->set_id(id);
  return f;
}

pb::ClientFrame send_message(std::int64_t chat, const std::string& text) {
  pb::ClientFrame f;
  auto* c = f.mutable_send_message();
  c->set_chat_id(chat);
  c->set_client_id(new_client_id());
  c->set_text(text);
  return f;
}

pb::ClientFrame login(const std::string& login, const std::string& password) {
  pb::ClientFrame f;
  auto* c = f.mutable_login();
  c->set_login(login);
  c->set_password(password);
  c->set_protocol_version(kProtocolVersion);
  return f;
}

pb::ClientFrame list_chats() {
  pb::ClientFrame f;
  f.mutable_list_chats();
  return f;
}

}  // namespace cmd

const pb::Group* find_group(const pb::Structure& structure, const std::string& name) {
  for (const auto& g : structure.groups()) {
    if (g.name() == name) return &g;
  }
  return nullptr;
}

const pb::Member* find_member(const pb::Members& members, const std::string& name) {
  for (const auto& m : members.members()) {
    if (m.user().display_name() == name) return &m;
  }
  return nullptr;
}

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace parta::test
