// Joining an organization or a chat through a link: registration in one
// transaction, registrations waiting for a parent's code, and joining chats.
// SQLite implements it (SqliteOrgStore, sqlite_links.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/core/ids.h"
#include "shared/core/result.h"

namespace parta::server {

// A registration through a link: what the account is made of.
struct NewMember {
  LinkId link;
  std::string display_name;
  std::string login;  // normalized
  std::string password_hash;
  std::int64_t now_ms = 0;
};

struct PendingRegistration {
  std::string id;  // random hex
  LinkId link;
  std::string display_name;
  std::string login;
  std::string password_hash;
  std::string parent_email;
  std::string code_hash;
  int attempts = 0;
  std::int64_t created_at_ms = 0;
  std::int64_t expires_at_ms = 0;
};

class RegistrationRepository {
 public:
  virtual ~RegistrationRepository() = default;

  // One transaction: counts a use of the link (LINK_EXPIRED / LINK_REVOKED /
  // LINK_USED_UP / ORG_SUSPENDED when it cannot be used), creates the person
  // (ALREADY_EXISTS for a taken login), the membership the link gives, the class
  // or parents' chat membership (creating the chat if missing) and the parent's
  // link to the child. Nothing remains on any error.
  virtual Result<UserId> register_member(const NewMember& member) = 0;
  virtual Status create_pending_registration(const PendingRegistration& pending) = 0;
  virtual Result<std::optional<PendingRegistration>> find_pending_registration(const std::string& id) = 0;
  virtual Status count_registration_attempt(const std::string& id) = 0;
  virtual Status delete_pending_registration(const std::string& id) = 0;

  // True when the user was not a member yet.
  virtual Result<bool> join_chat(ChatId chat, UserId user) = 0;
  // Joins through a CHAT link: a use is counted (atomically, with the link's
  // limits) only when the user was not a member yet. Link errors as register_member.
  virtual Result<bool> join_chat_by_link(LinkId link, UserId user, std::int64_t now_ms) = 0;
};

}  // namespace parta::server
