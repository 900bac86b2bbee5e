// The UI gallery's sample must hold every state the views can draw: a state
// the sample lacks is a widget state the gallery no longer documents.
#include "client/app/gallery/gallery_data.h"

#include <doctest/doctest.h>

namespace parta::ui {
namespace {

const ChatEntry& chat(const ClientState& s, std::int64_t id) {
  const ChatEntry* c = s.find_chat(ChatId{id});
  REQUIRE(c != nullptr);
  return *c;
}

}  // namespace

TEST_CASE("[gallery] the sample covers every message, poll and chat state") {
  for (Language lang : {Language::Ru, Language::En}) {
    CAPTURE(static_cast<int>(lang));
    const GallerySample g = make_gallery_sample(lang, 1'800'000'000'000);
    const ClientState& s = g.state;
    REQUIRE(s.me.has_value());
    CHECK(s.me->verified_teacher());
    CHECK(s.open_chat == ChatId{kGalleryClassChat});

    const ChatEntry& cls = chat(s, kGalleryClassChat);
    bool own = false, other = false, edited = false, deleted = false, reply = false, mention = false, link = false;
    bool poll_open = false, poll_closed = false, quiz = false, multiple = false, named = false, voted = false;
    std::uint64_t prev = 0;
    for (const ChatMessage& m : cls.messages) {
      CHECK(m.seq == prev + 1);  // a gap would make the reducer catch up
      prev = m.seq;
      (m.sender == UserId{s.me->id()} ? own : other) = true;
      edited |= m.edited_at_ms > 0;
      deleted |= m.deleted;
      reply |= m.reply_to.has_value();
      mention |= !m.mention_ids.empty();
      link |= m.text.find("https://") != std::string::npos;
      if (m.poll) {
        (m.poll->closed() ? poll_closed : poll_open) = true;
        quiz |= m.poll->quiz();
        multiple |= m.poll->multiple();
        named |= !m.poll->anonymous();
        voted |= m.poll->my_choices_size() > 0;
      }
    }
    CHECK((own && other && edited && deleted && reply && mention && link));
    CHECK((poll_open && poll_closed && quiz && multiple && named && voted));
    CHECK(cls.pinned_seqs.size() == 2);
    for (std::uint64_t seq : cls.pinned_seqs) CHECK(cls.find_message(seq) != nullptr);
    CHECK(cls.unread_count > 0);
    CHECK(cls.cursor == cls.messages.back().seq);
    CHECK_FALSE(cls.typing.empty());

    CHECK(chat(s, kGalleryDirectChat).kind == pb::CHAT_KIND_DIRECT);
    CHECK(chat(s, kGalleryAnnouncements).settings.post_policy() == pb::POST_POLICY_MODERATORS);
    CHECK(chat(s, kGalleryParents).unread_count > 99);  // the badge's widest case

    // One send on its way, one refused for good.
    REQUIRE(g.outbox.items().size() == 2);
    CHECK(g.outbox.items()[0].failed.is_ok());
    CHECK(g.outbox.items()[0].request_id == 0);
    CHECK(g.outbox.items()[1].failed.code() == pb::ERROR_MUTED);
  }
}

TEST_CASE("[gallery] the sample speaks the viewer's language") {
  const GallerySample ru = make_gallery_sample(Language::Ru, 1'800'000'000'000);
  const GallerySample en = make_gallery_sample(Language::En, 1'800'000'000'000);
  CHECK(ru.state.chats.front().title == "5А");  // Cyrillic А
  CHECK(en.state.chats.front().title == "5A");
  CHECK(ru.state.chats.front().messages.front().text != en.state.chats.front().messages.front().text);
}

}  // namespace parta::ui
