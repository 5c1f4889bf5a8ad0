// The trie behind ActorLexicon: node 0 is the root; each node maps a matcher word to a child
// and lists the phrases that end there. Private to the lexicon stage.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diplograph/lexicon/actor_lexicon.hpp"

namespace diplograph::lexicon {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct ActorLexicon::Trie {
  struct Node {
    std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> children;
    std::vector<std::uint32_t> phrases;  // indices into m_phrases
  };
  std::vector<Node> nodes{1};

  [[nodiscard]] std::optional<std::uint32_t> child(std::uint32_t node, std::string_view word) const {
    const auto& children = nodes[node].children;
    auto it = children.find(word);
    if (it == children.end()) return std::nullopt;
    return it->second;
  }
  std::uint32_t add_child(std::uint32_t node, const std::string& word) {
    if (auto c = child(node, word)) return *c;
    const auto id = static_cast<std::uint32_t>(nodes.size());
    nodes.emplace_back();
    nodes[node].children.emplace(word, id);
    return id;
  }
};

}  // namespace diplograph::lexicon
