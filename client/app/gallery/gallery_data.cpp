// The UI gallery's sample school; see gallery_data.h.
#include "client/app/gallery/gallery_data.h"

#include <string>
#include <utility>

namespace parta::ui {
namespace {

constexpr std::int64_t kMinute = 60 * 1000;
constexpr std::int64_t kOrg = 900;
constexpr std::int64_t kMe = 1;  // the viewer: a verified teacher

// One string in the gallery's two languages.
struct Text {
  const char* ru;
  const char* en;
};

class Builder {
 public:
  Builder(Language lang, std::int64_t now_ms) : ru_(lang == Language::Ru), now_(now_ms) {}

  const char* t(Text text) const { return ru_ ? text.ru : text.en; }

  pb::User user(std::int64_t id, Text name, pb::Role role, bool verified = false, const char* class_name = "") const {
    pb::User u;
    u.set_id(id);
    u.set_display_name(t(name));
    u.set_role(role);
    u.set_verified_teacher(verified);
    u.set_class_name(class_name);
    return u;
  }

  ChatEntry chat(std::int64_t id, pb::ChatKind kind, Text title, std::vector<pb::User> members) const {
    ChatEntry c;
    c.id = ChatId{id};
    c.org = OrgId{kOrg};
    c.kind = kind;
    c.title = t(title);
    for (const pb::User& u : members) {
      pb::ChatMember m;
      m.set_user_id(u.id());
      m.set_role(u.id() == kMe ? pb::CHAT_ROLE_OWNER : pb::CHAT_ROLE_MEMBER);
      c.chat_members.push_back(m);
    }
    c.members = std::move(members);
    c.history_loaded = true;
    return c;
  }

  // Appends a message `minutes_ago` old from `sender` (one of the chat's members).
  ChatMessage& say(ChatEntry& c, std::int64_t sender, Text text, std::int64_t minutes_ago) const {
    ChatMessage m;
    m.seq = c.messages.empty() ? 1 : c.messages.back().seq + 1;
    m.sender = UserId{sender};
    for (const pb::User& u : c.members) {
      if (u.id() == sender) m.sender_name = u.display_name();
    }
    m.text = t(text);
    m.sent_at_ms = now_ - minutes_ago * kMinute;
    m.changed_seq = m.seq;
    if (sender == kMe) m.client_id = "gallery-" + std::to_string(m.seq);
    c.messages.push_back(std::move(m));
    return c.messages.back();
  }

  // Closes a chat's history: cursor, last message, unread and read positions.
  void finish(ChatEntry& c, std::uint32_t unread, std::uint64_t others_read) const {
    c.last_seq = c.messages.empty() ? 0 : c.messages.back().seq;
    c.cursor = c.last_seq;
    c.unread_count = unread;
    c.read_seq = c.last_seq - unread;
    if (!c.messages.empty()) c.last_message = c.messages.back();
    for (pb::ChatMember& m : c.chat_members) m.set_read_seq(m.user_id() == kMe ? c.read_seq : others_read);
  }

  static void option(pb::Poll& p, const char* text, std::uint32_t votes) {
    pb::PollOption* o = p.add_options();
    o->set_text(text);
    o->set_votes(votes);
  }

  std::int64_t now() const { return now_; }

 private:
  bool ru_;
  std::int64_t now_;
};

}  // namespace

GallerySample make_gallery_sample(Language lang, std::int64_t now_ms) {
  const Builder b(lang, now_ms);
  GallerySample out;
  ClientState& s = out.state;
  s.connection = Connection::Connected;
  s.chats_loaded = true;
  s.now_ms = now_ms;
  s.me = b.user(kMe, {"Анна Сергеевна Волкова", "Anna Volkova"}, pb::ROLE_TEACHER, true);
  pb::Membership ms;
  ms.set_org_id(kOrg);
  ms.set_org_name(b.t({"Школа № 42", "School No. 42"}));
  ms.set_role(pb::ROLE_TEACHER);
  ms.set_verified_teacher(true);
  s.memberships.push_back(ms);

  const pb::User me = *s.me;
  const pb::User ivan = b.user(2, {"Иван Петров", "Ivan Petrov"}, pb::ROLE_STUDENT, false, "5А");
  const pb::User maria = b.user(3, {"Мария Кузнецова", "Maria Kuznetsova"}, pb::ROLE_STUDENT, false, "5А");
  const pb::User oleg = b.user(4, {"Олег Смирнов", "Oleg Smirnov"}, pb::ROLE_STUDENT, false, "5А");
  const pb::User head = b.user(5, {"Елена Викторовна Орлова", "Elena Orlova"}, pb::ROLE_HEAD, true);
  const pb::User parent = b.user(6, {"Светлана Петрова", "Svetlana Petrova"}, pb::ROLE_PARENT);

  // The class chat: every kind of message bubble.
  ChatEntry cls = b.chat(kGalleryClassChat, pb::CHAT_KIND_GROUP, {"5А", "5A"}, {me, ivan, maria, oleg, head});
  b.say(cls, kMe, {"Доброе утро, 5А! Сегодня контрольная по математике.", "Good morning, 5A! Maths test today."}, 95);
  ChatMessage& edited = b.say(cls, 2, {"Можно взять калькулятор?", "May we bring a calculator?"}, 90);
  edited.edited_at_ms = now_ms - 88 * kMinute;
  {
    ChatMessage& reply = b.say(cls, kMe, {"Нет, только линейку и карандаш ✏️", "No, only a ruler and a pencil ✏️"}, 86);
    pb::ReplyPreview rp;
    rp.set_seq(edited.seq);
    rp.set_sender_id(2);
    rp.set_sender_name(edited.sender_name);
    rp.set_text(edited.text);
    reply.reply_to = rp;
  }
  b.say(cls, 5, {"Напоминаю: родительское собрание в четверг в 18:00, актовый зал.",
                 "Reminder: parents' meeting on Thursday at 18:00 in the assembly hall."}, 70)
      .pinned = true;
  ChatMessage& deleted = b.say(cls, 4, {"", ""}, 60);
  deleted.deleted = true;
  {
    ChatMessage& mention = b.say(cls, 3, {"@Анна Сергеевна Волкова, задания есть на https://school42.example/tasks 📚",
                                          "@Anna Volkova, the tasks are on https://school42.example/tasks 📚"}, 45);
    mention.mention_ids.push_back(kMe);
  }
  {
    ChatMessage& poll = b.say(cls, kMe, {"Когда удобнее провести консультацию?", "When shall we hold the review session?"}, 30);
    pb::Poll p;
    Builder::option(p, b.t({"Во вторник после уроков", "Tuesday after lessons"}), 2);
    Builder::option(p, b.t({"В среду на большой перемене", "Wednesday at the long break"}), 1);
    Builder::option(p, b.t({"В пятницу", "Friday"}), 0);
    p.set_anonymous(false);
    p.set_allow_change(true);
    p.set_deadline_ms(now_ms + 24 * 60 * kMinute);
    p.set_voters(3);
    p.set_correct_option(-1);
    p.mutable_options(0)->add_voter_ids(2);
    p.mutable_options(0)->add_voter_ids(3);
    p.mutable_options(1)->add_voter_ids(4);
    poll.poll = p;
    cls.pinned_seqs.push_back(poll.seq);
  }
  {
    ChatMessage& quiz = b.say(cls, 5, {"Сколько будет 7 × 8?", "What is 7 × 8?"}, 20);
    pb::Poll p;
    Builder::option(p, "54", 1);
    Builder::option(p, "56", 3);
    Builder::option(p, "64", 0);
    p.set_quiz(true);
    p.set_anonymous(true);
    p.set_correct_option(1);
    p.set_voters(4);
    p.add_my_choices(1);
    quiz.poll = p;
  }
  {
    ChatMessage& closed = b.say(cls, 5, {"Экскурсия: музей или планетарий?", "School trip: museum or planetarium?"}, 12);
    pb::Poll p;
    Builder::option(p, b.t({"Музей", "Museum"}), 7);
    Builder::option(p, b.t({"Планетарий", "Planetarium"}), 12);
    p.set_multiple(true);
    p.set_anonymous(true);
    p.set_closed(true);
    p.set_correct_option(-1);
    p.set_voters(17);
    p.add_my_choices(1);
    closed.poll = p;
  }
  b.say(cls, 2, {"Спасибо! 👍", "Thanks! 👍"}, 3);
  b.finish(cls, 2, cls.messages.size() - 3);
  cls.pinned_seqs.insert(cls.pinned_seqs.begin(), 4);
  {
    TypingMember typing;
    typing.user = UserId{3};
    typing.name = maria.display_name();
    typing.until_ms = now_ms + 365LL * 24 * 60 * kMinute;  // stays while the gallery is open
    cls.typing.push_back(typing);
  }

  // A direct chat with a verified head teacher, read by both (two check marks).
  ChatEntry direct = b.chat(kGalleryDirectChat, pb::CHAT_KIND_DIRECT, {"Елена Викторовна Орлова", "Elena Orlova"}, {me, head});
  b.say(direct, 5, {"Анна Сергеевна, зайдите ко мне после третьего урока.", "Anna, please drop by after the third lesson."}, 200);
  b.say(direct, kMe, {"Хорошо, приду.", "Fine, I will."}, 190);
  b.finish(direct, 0, direct.messages.size());

  // Announcements: only moderators post; unread.
  ChatEntry ann = b.chat(kGalleryAnnouncements, pb::CHAT_KIND_GROUP, {"Объявления 5А", "5A announcements"}, {me, ivan, maria, oleg});
  ann.settings.set_post_policy(pb::POST_POLICY_MODERATORS);
  b.say(ann, kMe, {"Завтра уроки начинаются в 9:00.", "Lessons start at 9:00 tomorrow."}, 600);
  b.say(ann, kMe, {"Не забудьте сменную обувь — очень длинное объявление, которое не помещается в строку списка чатов.",
                   "Remember your indoor shoes: a very long announcement that does not fit on one line of the chat list."},
        500);
  b.finish(ann, 0, 1);

  // The parents' chat: many unread, muted by the viewer (see the gallery).
  ChatEntry parents = b.chat(kGalleryParents, pb::CHAT_KIND_GROUP, {"Родители 5А", "5A parents"}, {me, parent});
  for (int i = 0; i < 3; ++i) b.say(parents, 6, {"Добрый вечер!", "Good evening!"}, 900 - i);
  b.finish(parents, 128, 3);

  s.chats.push_back(std::move(cls));
  s.chats.push_back(std::move(direct));
  s.chats.push_back(std::move(ann));
  s.chats.push_back(std::move(parents));
  s.open_chat = ChatId{kGalleryClassChat};

  // Outbox: one message on its way, one the server refused for good.
  out.outbox.add(ChatId{kGalleryClassChat}, b.t({"Отправляется…", "Sending…"}), "gallery-pending", now_ms);
  out.outbox.add(ChatId{kGalleryClassChat}, b.t({"Это сообщение не отправилось", "This one was not sent"}), "gallery-failed",
                 now_ms);
  std::uint64_t request_id = 1;
  const std::vector<pb::ClientFrame> sent = out.outbox.take_unsent(request_id);
  pb::ServerFrame refused;
  refused.set_request_id(sent.back().request_id());
  refused.mutable_error()->set_code(pb::ERROR_MUTED);
  (void)out.outbox.on_reply(refused);
  out.outbox.on_disconnected();  // the first one waits for the connection
  return out;
}

}  // namespace parta::ui
