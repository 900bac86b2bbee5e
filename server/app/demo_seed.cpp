// Demo data through the same storage and password code as real sign-ups.
#include "server/app/demo_seed.h"

#include "server/app/log.h"
#include "server/auth/password.h"
#include "server/storage/sqlite_org_store.h"
#include "server/storage/sqlite_storage.h"
#include "shared/core/validation.h"

namespace parta::server {

namespace {

struct DemoUser {
  const char* login;
  const char* password;
  pb::Role role;
  const char* name;
  bool in_class;
  bool verified_teacher;
};

constexpr DemoUser kUsers[] = {
    {"admin@demo.school", "demo-admin", pb::ROLE_ADMIN, "Елена Викторовна Орлова", false, false},
    {"teacher@demo.school", "demo-teacher", pb::ROLE_TEACHER, "Анна Сергеевна Смирнова", false, true},
    {"student1@demo.school", "demo-student", pb::ROLE_STUDENT, "Иван Петров", true, false},
    {"student2@demo.school", "demo-student", pb::ROLE_STUDENT, "Мария Иванова", true, false},
    {"student3@demo.school", "demo-student", pb::ROLE_STUDENT, "Артём Кузнецов", true, false},
    {"parent@demo.school", "demo-parent", pb::ROLE_PARENT, "Ольга Петрова", false, false},
};
enum { kAdmin, kTeacher, kIvan, kMaria, kArtem, kOlga };

constexpr const char* kDemoOrg = "Школа № 42 (демо)";
constexpr const char* kOperatorLogin = "operator@demo.school";
constexpr const char* kOperatorPassword = "demo-operator";

// What schema v2 added to the demo: the operator, 5А's class teacher, Ольга
// Петрова as Иван Петров's parent. Runs once (the operator's login marks it done).
Status seed_demo_v2(SqliteOrgStore& orgs, std::int64_t now_ms) {
  auto done = orgs.login_exists(kOperatorLogin);
  if (!done) return done.status();
  if (done.value()) return Status::ok();
  auto org = orgs.find_org_by_name(kDemoOrg);
  if (!org) return org.status();
  if (!org.value()) return Status::ok();  // not the demo database
  auto hash = hash_password(kOperatorPassword);
  if (!hash) return {pb::ERROR_INTERNAL, "password hashing failed"};
  if (auto op = orgs.ensure_operator(kOperatorLogin, "Оператор платформы (демо)", *hash, now_ms); !op) {
    return op.status();
  }
  auto teacher = orgs.user_by_email(normalize_login(kUsers[kTeacher].login));
  auto ivan = orgs.user_by_email(normalize_login(kUsers[kIvan].login));
  auto olga = orgs.user_by_email(normalize_login(kUsers[kOlga].login));
  auto groups = orgs.list_groups(*org.value());
  if (!teacher || !ivan || !olga || !groups) return {pb::ERROR_INTERNAL, "demo people missing"};
  for (const auto& g : groups.value()) {
    if (g.name == "5А" && teacher.value()) {
      if (auto s = orgs.set_class_teacher(g.id, *teacher.value()); !s) return s;
    }
  }
  if (ivan.value() && olga.value()) {
    if (auto s = orgs.link_guardian(*olga.value(), *ivan.value(), *org.value()); !s) return s;
  }
  log_info("demo school: platform operator ", kOperatorLogin, ", class teacher and parent link added");
  return Status::ok();
}

constexpr const char* kAnnouncements = "Объявления 5А";

// What schema v3 added to the demo: the class teacher owns 5А's chats, an
// announcements chat where only teachers post, and a poll in the class chat.
// Runs once (the announcements chat marks it done).
Status seed_demo_v3(SqliteStorage& storage, SqliteOrgStore& orgs, std::int64_t now_ms) {
  auto org = orgs.find_org_by_name(kDemoOrg);
  if (!org) return org.status();
  if (!org.value()) return Status::ok();  // not the demo database
  {
    auto q = storage.db().query("SELECT 1 FROM chats WHERE org_id = ? AND title = ?");
    if (!q) return q.status();
    q->bind(1, org.value()->get()).bind_text(2, kAnnouncements);
    auto row = q->step();
    if (!row) return row.status();
    if (row.value()) return Status::ok();
  }
  UserId ids[std::size(kUsers)];
  for (std::size_t i = 0; i < std::size(kUsers); ++i) {
    auto id = orgs.user_by_email(normalize_login(kUsers[i].login));
    if (!id) return id.status();
    if (!id.value()) return Status::ok();  // someone's own school under the demo's name
    ids[i] = *id.value();
  }
  auto groups = orgs.list_groups(*org.value());
  if (!groups) return groups.status();
  ChatId class_chat;
  for (const auto& g : groups.value()) {
    if (g.name != "5А") continue;
    if (auto s = orgs.set_class_teacher(g.id, ids[kTeacher]); !s) return s;  // owner of the class chats
    auto q = storage.db().query("SELECT id FROM chats WHERE group_id = ? AND purpose = 1 ORDER BY id LIMIT 1");
    if (!q) return q.status();
    q->bind(1, g.id.get());
    auto row = q->step();
    if (!row) return row.status();
    if (row.value()) class_chat = ChatId(q->column_int(0));
  }

  NewChat announcements;
  announcements.org = *org.value();
  announcements.kind = pb::CHAT_KIND_GROUP;
  announcements.title = kAnnouncements;
  announcements.members = {ids[kTeacher], ids[kIvan], ids[kMaria], ids[kArtem], ids[kOlga]};
  announcements.owner = ids[kTeacher];
  announcements.post_policy = pb::POST_POLICY_MODERATORS;
  auto chat = storage.create_chat(announcements);
  if (!chat) return chat.status();
  if (auto sent = storage.append_message(chat.value(), ids[kTeacher], "demo-seed-announce-1",
                                         "Родительское собрание в четверг в 18:00, кабинет 21.", now_ms - 120'000);
      !sent) {
    return sent.status();
  }

  if (class_chat.valid()) {
    pb::PollDraft draft;
    draft.add_options("В субботу");
    draft.add_options("В воскресенье");
    draft.add_options("На каникулах");
    NewMessage poll;
    poll.chat = class_chat;
    poll.sender = ids[kTeacher];
    poll.client_id = "demo-seed-poll-1";
    poll.text = "Когда едем на экскурсию в планетарий?";
    poll.now_ms = now_ms;
    poll.poll = draft.SerializeAsString();
    auto sent = storage.append_message(poll);
    if (!sent) return sent.status();
    if (auto v = storage.set_vote(class_chat, sent->message.seq, ids[kMaria], {0}); !v) return v.status();
  }
  log_info("demo school: announcements chat and a class poll added");
  return Status::ok();
}

}  // namespace

Status seed_demo(SqliteStorage& storage, std::int64_t now_ms) {
  SqliteOrgStore org_store(storage);
  auto orgs = org_store.count_orgs();
  if (!orgs) return orgs.status();
  if (orgs.value() > 0) {
    log_info("demo seed skipped: the database already has an organization");
    if (auto s = seed_demo_v2(org_store, now_ms); !s) return s;
    return seed_demo_v3(storage, org_store, now_ms);
  }
  auto org = org_store.create_org(kDemoOrg);
  if (!org) return org.status();
  auto klass = org_store.create_class(org.value(), "5А");
  if (!klass) return klass.status();

  UserId ids[std::size(kUsers)];
  for (std::size_t i = 0; i < std::size(kUsers); ++i) {
    const DemoUser& u = kUsers[i];
    auto hash = hash_password(u.password);
    if (!hash) return {pb::ERROR_INTERNAL, "password hashing failed"};
    NewUser user;
    user.org = org.value();
    if (u.in_class) user.class_id = klass.value();
    user.role = u.role;
    user.display_name = u.name;
    user.login = normalize_login(u.login);
    user.password_hash = *hash;
    user.verified_teacher = u.verified_teacher;
    auto id = org_store.create_user(user);
    if (!id) return id.status();
    ids[i] = id.value();
  }

  struct DemoChat {
    pb::ChatKind kind;
    const char* title;
    std::vector<int> members;
  };
  const DemoChat chats[] = {
      {pb::CHAT_KIND_GROUP, "5А", {kTeacher, kIvan, kMaria, kArtem}},
      {pb::CHAT_KIND_GROUP, "Родители 5А", {kTeacher, kOlga}},
      {pb::CHAT_KIND_DIRECT, "", {kTeacher, kIvan}},
      {pb::CHAT_KIND_DIRECT, "", {kTeacher, kMaria}},
      {pb::CHAT_KIND_DIRECT, "", {kIvan, kMaria}},
      {pb::CHAT_KIND_DIRECT, "", {kTeacher, kOlga}},
  };
  ChatId class_chat;
  for (const DemoChat& chat : chats) {
    std::vector<UserId> members;
    for (int m : chat.members) members.push_back(ids[m]);
    auto id = storage.create_chat(org.value(), chat.kind, chat.title, members);
    if (!id) return id.status();
    if (!class_chat.valid()) class_chat = id.value();
    // The class chat and the parents' chat: registration through 5А's links joins them.
    if (&chat == &chats[0] || &chat == &chats[1]) {
      if (auto s = org_store.bind_class_chat(id.value(), GroupId(klass.value().get()), &chat == &chats[1]); !s)
        return s;
    }
  }

  struct DemoMessage {
    int sender;
    const char* text;
  };
  const DemoMessage messages[] = {
      {kTeacher, "Добрый день, 5А! Это наш классный чат."},
      {kTeacher, "Завтра контрольная по математике, не забудьте линейки."},
      {kIvan, "Здравствуйте, Анна Сергеевна! Хорошо."},
      {kMaria, "Спасибо, будем готовы!"},
  };
  int n = 0;
  for (const DemoMessage& m : messages) {
    ++n;
    auto sent = storage.append_message(class_chat, ids[m.sender], "demo-seed-" + std::to_string(n), m.text,
                                       now_ms - (60'000LL * (static_cast<int>(std::size(messages)) - n)));
    if (!sent) return sent.status();
  }
  log_info("demo school seeded: ", std::size(kUsers), " people, ", std::size(chats), " chats");
  if (auto s = seed_demo_v2(org_store, now_ms); !s) return s;
  return seed_demo_v3(storage, org_store, now_ms);
}

}  // namespace parta::server
