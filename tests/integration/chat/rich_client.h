// Helpers of the rich chat tests (edits, polls, search, roles, catch-up): the
// server they share (the demo school, apart from the one the chat tests use, so
// their counts stay put), people with their ids, fresh chats, and a builder
// per command of chats.proto.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "test_client.h"

namespace parta::test {

// The rich tests' server: a fresh demo school, started on first use.
std::uint16_t rich_port();

inline constexpr const char* kAdmin = "admin@demo.school";
inline constexpr const char* kAdminPassword = "demo-admin";

// A logged-in demo person.
struct Person {
  std::unique_ptr<WsClient> c;
  pb::LoginOk ok;
  std::int64_t id() const { return ok.me().id(); }
  std::int64_t org() const { return ok.memberships(0).org_id(); }
  WsClient* operator->() const { return c.get(); }
};
Person person(const std::string& login, const std::string& password);
// Another session of the same person (ResumeSession: no password hashing).
Person another_session(const Person& p);

// A group chat made by `creator` (a teacher or admin) with these people; returns its id.
std::int64_t new_group(Person& creator, const std::string& title, const std::vector<const Person*>& members,
                       pb::PostPolicy post = pb::POST_POLICY_ALL, pb::PollPolicy poll = pb::POLL_POLICY_MODERATORS);

// The pushed frame matching `match`, skipping others (throws after the timeout).
pb::ServerFrame wait_event(WsClient& client, const std::function<bool(const pb::ServerFrame&)>& match,
                           Ms timeout = kWait);
// The next ChatEvent of `chat` (skipping other pushes).
pb::ChatEvent wait_chat_event(WsClient& client, std::int64_t chat, Ms timeout = kWait);
// Drops every push received so far (after a round trip).
void drain(WsClient& client);

// The sent message's state, or throws with the error's name.
pb::Message sent(const pb::ServerFrame& reply);
// The chat as ListChats shows it to `client`.
pb::Chat chat_of(WsClient& client, std::int64_t chat);

namespace rich {
pb::ClientFrame send(std::int64_t chat, const std::string& text, std::uint64_t reply_to = 0,
                     const std::vector<std::int64_t>& mentions = {}, const std::string& client_id = "");
pb::ClientFrame poll(std::int64_t chat, const std::string& question, const std::vector<std::string>& options,
                     const std::function<void(pb::PollDraft&)>& tweak = {}, const std::string& client_id = "");
pb::ClientFrame edit(std::int64_t chat, std::uint64_t seq, const std::string& text,
                     const std::vector<std::int64_t>& mentions = {});
pb::ClientFrame remove(std::int64_t chat, std::uint64_t seq);
pb::ClientFrame pin(std::int64_t chat, std::uint64_t seq, bool pinned);
pb::ClientFrame vote(std::int64_t chat, std::uint64_t seq, const std::vector<std::uint32_t>& choices);
pb::ClientFrame close(std::int64_t chat, std::uint64_t seq);
pb::ClientFrame typing(std::int64_t chat);
pb::ClientFrame search(std::int64_t chat, const std::string& query, std::uint32_t limit = 0,
                       std::int64_t before_id = 0);
pb::ClientFrame settings(std::int64_t chat, pb::PostPolicy post, pb::PollPolicy poll = pb::POLL_POLICY_MODERATORS);
pb::ClientFrame role(std::int64_t chat, std::int64_t user, pb::ChatRole role);
pb::ClientFrame mute(std::int64_t chat, std::int64_t user, bool muted);
pb::ClientFrame kick(std::int64_t chat, std::int64_t user);
}  // namespace rich

}  // namespace parta::test
