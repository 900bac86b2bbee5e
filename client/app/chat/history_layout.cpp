// Measuring chat bubbles and keeping their prefix offsets up to date.
#include "client/app/chat/history_layout.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "client/app/ui/widgets.h"

namespace parta::ui {
namespace {

std::size_t utf8_len(unsigned char lead) {
  return lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 1;
}

}  // namespace

void break_lines(const ImFont* font, std::string_view text, float wrap, std::vector<TextLine>& out) {
  out.clear();
  const char* base = text.data();
  const char* end = base + text.size();
  const char* para = base;
  while (true) {
    const char* para_end = static_cast<const char*>(std::memchr(para, '\n', static_cast<std::size_t>(end - para)));
    if (para_end == nullptr) para_end = end;
    const char* s = para;
    if (s == para_end) out.push_back({static_cast<std::uint32_t>(s - base), static_cast<std::uint32_t>(s - base)});
    while (s < para_end) {
      const char* eol = font->CalcWordWrapPositionA(1.0f, s, para_end, wrap);
      // Nothing fits: one whole character, never half of one.
      if (eol <= s || (eol == s + 1 && utf8_len(static_cast<unsigned char>(*s)) > 1)) {
        eol = std::min(para_end, s + utf8_len(static_cast<unsigned char>(*s)));
      }
      const char* line_end = eol;
      while (line_end > s && (line_end[-1] == ' ' || line_end[-1] == '\r')) --line_end;  // trailing blanks take no room
      out.push_back({static_cast<std::uint32_t>(s - base), static_cast<std::uint32_t>(line_end - base)});
      s = eol;
      while (s < para_end && (*s == ' ' || *s == '\t' || *s == '\r')) ++s;  // a wrapped line starts at its word
    }
    if (para_end == end) break;
    para = para_end + 1;
  }
}

float lines_width(const ImFont* font, std::string_view text, const std::vector<TextLine>& lines) {
  float w = 0;
  for (const TextLine& l : lines) w = std::max(w, text_width(font, text.substr(l.begin, l.end - l.begin)));
  return w;
}

BubbleMetrics bubble_metrics(float area_width, const Fonts& fonts) {
  const float d = fonts.dpr;
  BubbleMetrics m;
  m.pad_x = std::round(12 * d);
  m.pad_y = std::round(7 * d);
  m.gap = std::round(8 * d);
  m.header_gap = std::round(2 * d);
  m.check = std::round(fonts.small->FontSize * 0.8f) + std::round(4 * d);
  m.max_width = std::floor(std::max(120 * d, std::min(area_width * 0.78f, 680 * d)));
  m.wrap = m.max_width - 2 * m.pad_x;
  m.quote_h = 2 * fonts.small->FontSize + std::round(8 * d) + std::round(6 * d);
  m.footer_h = std::round(3 * d) + fonts.small->FontSize;
  m.divider_h = fonts.small->FontSize + std::round(16 * d);
  m.poll_w = std::floor(std::min(m.max_width, std::max(std::min(area_width, 260 * d), 440 * d)));
  m.poll_option_h = fonts.regular->FontSize + std::round(4 * d) + std::round(6 * d) + std::round(10 * d);
  m.poll_footer_h = fonts.small->FontSize + std::round(12 * d);
  return m;
}

bool is_verified_teacher(const ChatEntry& chat, std::int64_t user_id) {
  for (const pb::User& u : chat.members) {
    if (u.id() == user_id) return u.verified_teacher();
  }
  return false;
}

Bubble measure_bubble(const BubbleMetrics& m, const Fonts& fonts, std::string_view name, std::string_view mark,
                      std::string_view text, float mark_extra) {
  const float header_w = text_width(fonts.bold, name) + (mark.empty() ? 0 : m.pad_x + text_width(fonts.small, mark)) + mark_extra;
  ImVec2 body(0, fonts.regular->FontSize);
  if (!text.empty()) {
    body = fonts.regular->CalcTextSizeA(fonts.regular->FontSize, FLT_MAX, m.wrap, text.data(), text.data() + text.size());
  }
  Bubble b;
  b.width = std::min(m.max_width, std::ceil(std::max(header_w, body.x)) + 2 * m.pad_x);
  b.body_h = body.y;
  b.height = std::ceil(m.pad_y + fonts.bold->FontSize + m.header_gap + body.y + m.pad_y);
  return b;
}

RowStrings row_strings(const I18n& tr, const ChatEntry& chat) {
  RowStrings s;
  s.edited = tr("msg_edited");
  s.deleted = tr("msg_deleted");
  const std::string of = std::to_string(chat.members.size() > 0 ? chat.members.size() - 1 : 0);
  s.read_sample = tr.format("msg_read_by", {{"n", of}, {"m", of}});
  return s;
}

void format_mark(const ChatMessage& msg, const char* edited, char* out, std::size_t size) {
  char time[16];
  format_time(msg.sent_at_ms, time, sizeof time);
  if (msg.edited_at_ms > 0 && !msg.deleted) std::snprintf(out, size, "%s %s", edited, time);
  else std::snprintf(out, size, "%s", time);
}

bool shows_read_by(const ChatEntry& chat, const ChatMessage& msg, std::int64_t my_id) {
  return chat.kind == pb::CHAT_KIND_GROUP && my_id != 0 && msg.sender.get() == my_id && !msg.deleted;
}

float poll_body_height(const BubbleMetrics& m, const Fonts& fonts, std::string_view question, std::size_t options) {
  const float inner = m.poll_w - 2 * m.pad_x;
  const ImVec2 q = fonts.bold->CalcTextSizeA(fonts.bold->FontSize, FLT_MAX, inner, question.data(), question.data() + question.size());
  const float d = fonts.dpr;
  return std::ceil(std::max(q.y, fonts.bold->FontSize) + std::round(2 * d) + fonts.small->FontSize + std::round(8 * d) +
                   static_cast<float>(options) * m.poll_option_h + m.poll_footer_h);
}

Bubble measure_message(const BubbleMetrics& m, const Fonts& fonts, const RowStrings& s, const ChatEntry& chat,
                       const ChatMessage& msg, std::int64_t my_id, std::vector<TextLine>& lines) {
  const float d = fonts.dpr;
  char mark[64];
  // Reserve the widest time, so the width holds for any hour.
  ChatMessage sample_time;
  sample_time.edited_at_ms = msg.edited_at_ms;
  sample_time.deleted = msg.deleted;
  format_mark(sample_time, s.edited, mark, sizeof mark);
  std::string mark_text = mark;
  mark_text += kTimeMarkSample;
  const bool own = my_id != 0 && msg.sender.get() == my_id;
  const float badge = is_verified_teacher(chat, msg.sender.get()) ? ImGui::TeacherBadgeWidth(fonts.bold, d) : 0;
  // Direct chats show two check marks once read.
  const float checks = own ? (chat.kind == pb::CHAT_KIND_DIRECT ? m.check * 1.5f : m.check) : 0;
  float width = text_width(fonts.bold, msg.sender_name) + badge + m.pad_x + text_width(fonts.small, mark_text) + checks;

  Bubble b;
  if (msg.reply_to && !msg.deleted) {
    b.quote_h = m.quote_h;
    const pb::ReplyPreview& r = *msg.reply_to;
    const float quote_w = std::max(text_width(fonts.small, r.sender_name()), std::min(m.wrap, text_width(fonts.small, r.text()))) +
                          std::round(14 * d);
    width = std::max(width, std::min(m.wrap, quote_w));
  }
  if (msg.deleted) {
    b.body_h = fonts.regular->FontSize;
    width = std::max(width, text_width(fonts.regular, s.deleted));
  } else if (msg.poll) {
    b.body_h = poll_body_height(m, fonts, msg.text, static_cast<std::size_t>(msg.poll->options_size()));
    width = m.poll_w - 2 * m.pad_x;
  } else {
    break_lines(fonts.regular, msg.text, m.wrap, lines);
    b.body_h = static_cast<float>(lines.size()) * fonts.regular->FontSize;
    width = std::max(width, lines_width(fonts.regular, msg.text, lines));
  }
  if (shows_read_by(chat, msg, my_id)) {
    b.footer_h = m.footer_h;
    width = std::max(width, text_width(fonts.small, s.read_sample));
  }
  b.width = std::min(msg.poll && !msg.deleted ? m.poll_w : m.max_width, std::ceil(width) + 2 * m.pad_x);
  b.height = std::ceil(m.pad_y + fonts.bold->FontSize + m.header_gap + b.quote_h + b.body_h + b.footer_h + m.pad_y);
  return b;
}

void HistoryLayout::update(const ChatEntry& chat, float width, const Fonts& fonts, const I18n& tr, std::int64_t my_id,
                           std::uint64_t divider_after) {
  const std::size_t n = chat.messages.size();
  const bool reset = chat.id != chat_ || width != width_ || fonts.regular != font_ || tr.language() != lang_ ||
                     chat.members.size() != members_;
  if (!reset && n == count_ && chat.loaded_from() == first_seq_ && chat.loaded_until() == last_seq_ &&
      divider_after == divider_after_) {
    return;
  }
  if (reset) {
    cache_.clear();
    chat_ = chat.id;
    width_ = width;
    font_ = fonts.regular;
    lang_ = tr.language();
    members_ = chat.members.size();
    metrics_ = bubble_metrics(width, fonts);
  }
  const RowStrings strings = row_strings(tr, chat);
  const std::size_t old_n = count_;
  const std::uint64_t old_first = first_seq_;
  count_ = n;
  first_seq_ = chat.loaded_from();
  last_seq_ = chat.loaded_until();
  divider_after_ = divider_after;
  divider_index_ = n;
  bubbles_.resize(n);
  seqs_.resize(n);
  changed_.resize(n);
  offsets_.resize(n + 1);
  offsets_[0] = 0;
  // Rows that kept their index and state skip the hash lookup (a new message at
  // the bottom of a long chat costs one pass over plain arrays).
  const std::size_t same_prefix = reset || chat.loaded_from() != old_first ? 0 : std::min(old_n, n);
  for (std::size_t i = 0; i < n; ++i) {
    const ChatMessage& msg = chat.messages[i];
    if (i >= same_prefix || seqs_[i] != msg.seq || changed_[i] != msg.changed_seq) {
      auto [it, fresh] = cache_.try_emplace(msg.seq);
      // A message is measured again only when an event changed it (edit, delete, vote...).
      if (fresh || it->second.changed_seq != msg.changed_seq) {
        it->second.bubble = measure_message(metrics_, fonts, strings, chat, msg, my_id, lines_);
        it->second.changed_seq = msg.changed_seq;
      }
      bubbles_[i] = it->second.bubble;
      seqs_[i] = msg.seq;
      changed_[i] = msg.changed_seq;
    }
    float h = bubbles_[i].height + metrics_.gap;
    if (divider_after != 0 && divider_index_ == n && msg.seq > divider_after && msg.sender.get() != my_id) {
      divider_index_ = i;
      h += metrics_.divider_h;
    }
    offsets_[i + 1] = offsets_[i] + h;
  }
}

std::size_t HistoryLayout::index_at(float y) const {
  if (bubbles_.empty()) return 0;
  // offsets_[i] <= y < offsets_[i+1]
  const auto it = std::upper_bound(offsets_.begin(), offsets_.end(), y);
  const std::size_t i = it == offsets_.begin() ? 0 : static_cast<std::size_t>(it - offsets_.begin()) - 1;
  return std::min(i, bubbles_.size() - 1);
}

std::size_t HistoryLayout::index_of(std::uint64_t seq) const {
  const auto it = std::lower_bound(seqs_.begin(), seqs_.end(), seq);
  return it != seqs_.end() && *it == seq ? static_cast<std::size_t>(it - seqs_.begin()) : seqs_.size();
}

}  // namespace parta::ui
