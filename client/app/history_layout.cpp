// Measuring chat bubbles and keeping their prefix offsets up to date.
#include "client/app/history_layout.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace parta::ui {
namespace {

float text_width(const ImFont* font, std::string_view s) {
  if (s.empty()) return 0;
  return std::ceil(font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, s.data(), s.data() + s.size()).x);
}

}  // namespace

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
  b.height = std::ceil(m.pad_y + fonts.bold->FontSize + m.header_gap + body.y + m.pad_y);
  return b;
}

void HistoryLayout::update(const ChatEntry& chat, float width, const Fonts& fonts) {
  const std::size_t n = chat.messages.size();
  const bool reset = chat.id != chat_ || width != width_ || fonts.regular != font_;
  if (!reset && n == count_ && chat.loaded_from() == first_seq_ && chat.loaded_until() == last_seq_) return;
  if (reset) {
    cache_.clear();
    chat_ = chat.id;
    width_ = width;
    font_ = fonts.regular;
    metrics_ = bubble_metrics(width, fonts);
  }
  count_ = n;
  first_seq_ = chat.loaded_from();
  last_seq_ = chat.loaded_until();
  bubbles_.resize(n);
  seqs_.resize(n);
  offsets_.resize(n + 1);
  offsets_[0] = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const ChatMessage& msg = chat.messages[i];
    auto [it, fresh] = cache_.try_emplace(msg.seq);
    // Message text never changes for a seq, so a cached size stays valid.
    if (fresh) {
      // The teacher badge after the name widens the name line like the check mark does.
      const float badge = is_verified_teacher(chat, msg.sender.get()) ? std::round(fonts.bold->FontSize * 0.8f) + std::round(5 * fonts.dpr) : 0;
      it->second = measure_bubble(metrics_, fonts, msg.sender_name, kTimeMarkSample, msg.text, metrics_.check + badge);
    }
    bubbles_[i] = it->second;
    seqs_[i] = msg.seq;
    offsets_[i + 1] = offsets_[i] + it->second.height + metrics_.gap;
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
