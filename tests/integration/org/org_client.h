// Helpers of the org tests: HTTP with a body (uploads), a builder per command
// of orgs.proto, and calls whose raw reply bytes are scanned for contacts
// (e-mails, phones) that must never leave the server.
#pragma once

#include <string>
#include <vector>

#include "test_client.h"

namespace parta::test {

HttpResponse http_send(std::uint16_t port, const std::string& method, const std::string& target,
                       const std::string& body, const std::vector<std::pair<std::string, std::string>>& headers = {},
                       Ms timeout = kWait);

std::string pdf_bytes();  // a small valid-looking PDF
std::string png_bytes();
// POST /api/upload; returns the upload id (throws unless 200).
std::string upload(std::uint16_t port, const std::string& bytes);

// Substrings no reply may contain (full e-mail addresses, phone digits). Every
// call() checks every frame it reads against the list.
void forbid_in_replies(const std::string& text);
// send + wait for the reply, scanning every frame read meanwhile.
pb::ServerFrame call(WsClient& client, pb::ClientFrame frame, Ms timeout = kWait);
// A fresh connection resumed with `token` (fast: no password check).
std::unique_ptr<WsClient> resumed(std::uint16_t port, const std::string& token);

struct Applicant {
  std::string org_name = "Лицей № 7";
  std::string region = "Московская область";
  std::string address = "г. Подольск, ул. Школьная, 1";
  pb::OrgType type = pb::ORG_TYPE_SCHOOL;
  std::string admin_name = "Пётр Ильич Соколов";
  std::string phone = "+7 (916) 555-01-23";
  std::string email = "director@apply.test";
  std::string password = "lyceum-7-secret";
};

namespace cmd {
pb::ClientFrame submit(const Applicant& a, const std::string& upload_id);
pb::ClientFrame list_applications(pb::ApplicationStatus status = pb::APPLICATION_STATUS_UNSPECIFIED);
pb::ClientFrame decide(std::int64_t application, bool approve, const std::string& reason = "");
pb::ClientFrame set_suspended(std::int64_t org, bool suspended);
pb::ClientFrame get_structure(std::int64_t org);
pb::ClientFrame create_group(std::int64_t org, pb::GroupKind kind, const std::string& name);
pb::ClientFrame assign_class_teacher(std::int64_t org, std::int64_t group, std::int64_t teacher);
pb::ClientFrame set_journal_url(std::int64_t org, const std::string& url);
pb::ClientFrame create_link(std::int64_t org, pb::LinkKind kind, std::int64_t group = 0, std::int64_t chat = 0,
                            std::int64_t expires_at_ms = 0, std::uint32_t max_uses = 0);
pb::ClientFrame list_links(std::int64_t org);
pb::ClientFrame revoke_link(std::int64_t org, std::int64_t link);
pb::ClientFrame inspect(const std::string& token);
pb::ClientFrame register_(const std::string& token, const std::string& name, const std::string& login,
                          const std::string& password, const std::string& parent_email = "");
pb::ClientFrame confirm(const std::string& registration_id, const std::string& code);
pb::ClientFrame join_chat(const std::string& token);
pb::ClientFrame create_chat(std::int64_t org, const std::string& title, const std::vector<std::int64_t>& members);
pb::ClientFrame verify_teacher(std::int64_t org, std::int64_t user, bool verified);
pb::ClientFrame set_role(std::int64_t org, std::int64_t user, pb::Role role);
pb::ClientFrame list_members(std::int64_t org, const std::string& query = "", pb::Role role = pb::ROLE_UNSPECIFIED,
                             std::int64_t group = 0, bool pending_only = false);
pb::ClientFrame get_profile(std::int64_t org, std::int64_t user);
pb::ClientFrame invite_parent(const std::string& email);
pb::ClientFrame request_login_code(const std::string& email);
pb::ClientFrame login_with_code(const std::string& email, const std::string& code);
pb::ClientFrame list_sessions();
pb::ClientFrame end_sessions(const std::string& id);
pb::ClientFrame send_message(std::int64_t chat, const std::string& text);
pb::ClientFrame login(const std::string& login, const std::string& password);
pb::ClientFrame list_chats();
}  // namespace cmd

// Helpers that REQUIRE success.
const pb::Group* find_group(const pb::Structure& structure, const std::string& name);
const pb::Member* find_member(const pb::Members& members, const std::string& name);
std::int64_t now_ms();

}  // namespace parta::test
