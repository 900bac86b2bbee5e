// Rich chat test helpers (see rich_client.h).
#include "rich_client.h"

#include <stdexcept>

namespace parta::test {

Person person(const std::string& login, const std::string& password) {
  Person p;
  p.c = std::make_unique<WsClient>(rich_port());
  auto reply = p.c->login(login, password);
  if (!reply.has_login_ok()) throw std::runtime_error("login " + login + ": " + error_name(reply));
  p.ok = reply.login_ok();
  return p;
}

Person another_session(const Person& p) {
  Person q;
  q.c = std::make_unique<WsClient>(rich_port());
  auto reply = q.c->resume(p.ok.token());
  if (!reply.has_login_ok()) throw std::runtime_error("resume: " + error_name(reply));
  q.ok = p.ok;
  return q;
}

std::int64_t new_group(Person& creator, const std::string& title, const std::vector<const Person*>& members,
                       pb::PostPolicy post, pb::PollPolicy poll) {
  pb::ClientFrame f;
  auto* c = f.mutable_create_chat();
  c->set_org_id(creator.org());
  c->set_title(title);
  for (const Person* m : members) c->add_member_ids(m->id());
  c->mutable_settings()->set_post_policy(post);
  c->mutable_settings()->set_poll_policy(poll);
  auto reply = creator->call(f);
  if (!reply.has_chat_created()) throw std::runtime_error("create chat: " + error_name(reply));
  return reply.chat_created().chat().id();
}

pb::ServerFrame wait_event(WsClient& client, const std::function<bool(const pb::ServerFrame&)>& match, Ms timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<Ms>(deadline - std::chrono::steady_clock::now());
    if (left <= Ms(0)) throw std::runtime_error("the expected event did not come");
    auto frame = client.next_event(left);
    if (match(frame)) return frame;
  }
}

pb::ChatEvent wait_chat_event(WsClient& client, std::int64_t chat, Ms timeout) {
  return wait_event(
             client,
             [chat](const pb::ServerFrame& f) { return f.has_chat_event() && f.chat_event().chat_id() == chat; },
             timeout)
      .chat_event();
}

void drain(WsClient& client) {
  client.sync();
  while (client.pending_events() > 0) client.next_event();
}

pb::Message sent(const pb::ServerFrame& reply) {
  if (!reply.has_message_sent()) throw std::runtime_error("expected MessageSent, got " + error_name(reply));
  return reply.message_sent().message();
}

pb::Chat chat_of(WsClient& client, std::int64_t chat) {
  auto list = client.list_chats();
  for (const auto& c : list.chat_list().chats()) {
    if (c.id() == chat) return c;
  }
  throw std::runtime_error("chat " + std::to_string(chat) + " not in the list");
}

namespace rich {

pb::ClientFrame send(std::int64_t chat, const std::string& text, std::uint64_t reply_to,
                     const std::vector<std::int64_t>& mentions, const std::string& client_id) {
  pb::ClientFrame f;
  auto* c = f.mutable_send_message();
  c->set_chat_id(chat);
  c->set_client_id(client_id.empty() ? new_client_id() : client_id);
  c->set_text(text);
  c->set_reply_to_seq(reply_to);
  for (auto m : mentions) c->add_mention_ids(m);
  return f;
}

pb::ClientFrame poll(std::int64_t chat, const std::string& question, const std::vector<std::string>& options,
                     const std::function<void(pb::PollDraft&)>& tweak, const std::string& client_id) {
  pb::ClientFrame f = send(chat, question, 0, {}, client_id);
  auto* draft = f.mutable_send_message()->mutable_poll();
  for (const auto& o : options) draft->add_options(o);
  if (tweak) tweak(*draft);
  return f;
}

pb::ClientFrame edit(std::int64_t chat, std::uint64_t seq, const std::string& text,
                     const std::vector<std::int64_t>& mentions) {
  pb::ClientFrame f;
  auto* c = f.mutable_edit_message();
  c->set_chat_id(chat);
  c->set_seq(seq);
  c->set_text(text);
  for (auto m : mentions) c->add_mention_ids(m);
  return f;
}

pb::ClientFrame remove(std::int64_t chat, std::uint64_t seq) {
  pb::ClientFrame f;
  f.mutable_delete_message()->set_chat_id(chat);
  f.mutable_delete_message()->set_seq(seq);
  return f;
}

pb::ClientFrame pin(std::int64_t chat, std::uint64_t seq, bool pinned) {
  pb::ClientFrame f;
  f.mutable_pin_message()->set_chat_id(chat);
  f.mutable_pin_message()->set_seq(seq);
  f.mutable_pin_message()->set_pinned(pinned);
  return f;
}

pb::ClientFrame vote(std::int64_t chat, std::uint64_t seq, const std::vector<std::uint32_t>& choices) {
  pb::ClientFrame f;
  auto* c = f.mutable_vote_poll();
  c->set_chat_id(chat);
  c->set_seq(seq);
  for (auto o : choices) c->add_choices(o);
  return f;
}

pb::ClientFrame close(std::int64_t chat, std::uint64_t seq) {
  pb::ClientFrame f;
  f.mutable_close_poll()->set_chat_id(chat);
  f.mutable_close_poll()->set_seq(seq);
  return f;
}

pb::ClientFrame typing(std::int64_t chat) {
  pb::ClientFrame f;
  f.mutable_set_typing()->set_chat_id(chat);
  return f;
}

pb::ClientFrame search(std::int64_t chat, const std::string& query, std::uint32_t limit, std::int64_t before_id) {
  pb::ClientFrame f;
  auto* c = f.mutable_search_messages();
  c->set_chat_id(chat);
  c->set_query(query);
  c->set_limit(limit);
  c->set_before_id(before_id);
  return f;
}

pb::ClientFrame settings(std::int64_t chat, pb::PostPolicy post, pb::PollPolicy poll) {
  pb::ClientFrame f;
  auto* c = f.mutable_set_chat_settings();
  c->set_chat_id(chat);
  c->mutable_settings()->set_post_policy(post);
  c->mutable_settings()->set_poll_policy(poll);
  return f;
}

pb::ClientFrame role(std::int64_t chat, std::int64_t user, pb::ChatRole role) {
  pb::ClientFrame f;
  auto* c = f.mutable_set_chat_member_role();
  c->set_chat_id(chat);
  c->set_user_id(user);
  c->set_role(role);
  return f;
}

pb::ClientFrame mute(std::int64_t chat, std::int64_t user, bool muted) {
  pb::ClientFrame f;
  auto* c = f.mutable_mute_chat_member();
  c->set_chat_id(chat);
  c->set_user_id(user);
  c->set_muted(muted);
  return f;
}

pb::ClientFrame kick(std::int64_t chat, std::int64_t user) {
  pb::ClientFrame f;
  f.mutable_remove_chat_member()->set_chat_id(chat);
  f.mutable_remove_chat_member()->set_user_id(user);
  return f;
}

}  // namespace rich

}  // namespace parta::test
