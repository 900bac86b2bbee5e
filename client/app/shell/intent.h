// The slots views record intents in. They compare by "something recorded", not
// by value, so a domain's intents struct answers any() from a defaulted
// comparison with its empty value: a field added later is covered without
// being listed anywhere, and a member that cannot be compared fails to build.
#pragma once

#include <optional>
#include <utility>
#include <vector>

namespace parta::ui {

// At most one intent of a kind per frame (the last one recorded wins).
template <class T>
class Intent {
 public:
  Intent() = default;
  Intent& operator=(T value) {
    value_ = std::move(value);
    return *this;
  }
  bool has_value() const { return value_.has_value(); }
  explicit operator bool() const { return value_.has_value(); }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  void reset() { value_.reset(); }
  friend bool operator==(const Intent& a, const Intent& b) { return a.has_value() == b.has_value(); }

 private:
  std::optional<T> value_;
};

// Intents of a kind that may come several per frame, applied in order.
template <class T>
class IntentList {
 public:
  void push_back(T value) { items_.push_back(std::move(value)); }
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  auto begin() { return items_.begin(); }
  auto end() { return items_.end(); }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }
  friend bool operator==(const IntentList& a, const IntentList& b) { return a.empty() == b.empty(); }

 private:
  std::vector<T> items_;
};

// True when `intents` differs from a default-constructed value of its type:
// something was recorded. (T has a defaulted operator== over its members.)
template <class T>
bool any_recorded(const T& intents) {
  return !(intents == T{});
}

}  // namespace parta::ui
