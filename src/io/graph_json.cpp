#include "diplograph/io/graph_json.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <unordered_map>

#include <rapidjson/document.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fmt/format.h>

#include "write_common.hpp"

namespace diplograph::io {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void put(Writer& w, const char* key, std::string_view value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void put_document_list(Writer& w, const std::vector<DocumentKey>& documents) {
  w.Key("documents");
  w.StartArray();
  for (const auto& d : documents) {
    w.StartObject();
    put(w, "id", d.id);
    put(w, "text_hash", d.text_hash);
    w.EndObject();
  }
  w.EndArray();
}

void append(std::string& out, rapidjson::StringBuffer& buffer) {
  out.append(buffer.GetString(), buffer.GetSize());
  buffer.Clear();
}

}  // namespace

namespace {

// Writes the file into `out`, calling flush(out) after each node and link once `out` holds a
// megabyte or more (flush may write it somewhere and clear it, or do nothing).
template <typename Flush>
void emit(const GraphData& data, const GraphJsonOptions& options, std::string& out, Flush&& flush) {
  constexpr std::size_t kChunk = std::size_t{1} << 20;
  rapidjson::StringBuffer buffer;
  {
    Writer w(buffer);
    w.StartObject();
    put(w, "format", "diplograph");
    w.Key("format_version");
    w.Int(kGraphFormatVersion);
    put_document_list(w, data.documents);
    w.EndObject();
  }
  out += "{\"directed\": true, \"multigraph\": true,\n\"graph\": ";
  append(out, buffer);
  out += ",\n\"nodes\": [";
  bool first = true;
  for (const Actor& a : data.actors) {
    Writer w(buffer);
    w.StartObject();
    put(w, "id", a.id);
    put(w, "name", a.name);
    put(w, "code", a.code);
    put(w, "country", a.country);
    put(w, "kind", to_string(a.kind));
    if (!a.title.empty()) put(w, "title", a.title);
    if (!a.aliases.empty()) {
      w.Key("aliases");
      w.StartArray();
      for (const auto& alias : a.aliases)
        w.String(alias.data(), static_cast<rapidjson::SizeType>(alias.size()));
      w.EndArray();
    }
    w.EndObject();
    out += first ? "\n" : ",\n";
    first = false;
    append(out, buffer);
    if (out.size() >= kChunk) flush(out);
  }
  out += "],\n\"";
  out += options.link_key == LinkKey::edges ? "edges" : "links";
  out += "\": [";
  // networkx keys parallel edges 0, 1, 2 ... per (source, target); we number them the same way.
  std::map<std::pair<std::string_view, std::string_view>, int> keys;
  first = true;
  for (const Event& e : data.events) {
    Writer w(buffer);
    w.StartObject();
    put(w, "source", e.source.id);
    put(w, "target", e.target.id);
    w.Key("key");
    w.Int(keys[{e.source.id, e.target.id}]++);
    put(w, "type", "event");
    put(w, "cameo", e.cameo);
    put(w, "root", e.root);
    w.Key("quad");
    w.Int(e.quad);
    w.Key("goldstein");
    w.Double(e.goldstein);
    if (e.date) put(w, "date", e.date->iso());
    w.Key("confidence");
    w.Double(e.confidence);
    w.Key("domestic");
    w.Bool(e.domestic);
    if (!e.provenance.empty()) {
      const Provenance& p0 = e.provenance.front();
      put(w, "doc", p0.doc);
      w.Key("sentence");
      w.Uint64(p0.sentence);
      put(w, "evidence", p0.evidence);
      w.Key("provenance");
      w.StartArray();
      for (const Provenance& p : e.provenance) {
        w.StartObject();
        put(w, "doc", p.doc);
        w.Key("sentence");
        w.Uint64(p.sentence);
        w.Key("start");
        w.Uint64(p.span.start);
        w.Key("end");
        w.Uint64(p.span.end);
        put(w, "evidence", p.evidence);
        w.EndObject();
      }
      w.EndArray();
    }
    w.EndObject();
    out += first ? "\n" : ",\n";
    first = false;
    append(out, buffer);
    if (out.size() >= kChunk) flush(out);
  }
  for (const Affiliation& f : data.affiliations) {
    Writer w(buffer);
    w.StartObject();
    put(w, "source", f.member);
    put(w, "target", f.state);
    w.Key("key");
    w.Int(keys[{f.member, f.state}]++);
    put(w, "type", "affiliation");
    w.EndObject();
    out += first ? "\n" : ",\n";
    first = false;
    append(out, buffer);
    if (out.size() >= kChunk) flush(out);
  }
  out += "]}\n";
}

}  // namespace

std::string graph_json(const GraphData& data, const GraphJsonOptions& options) {
  std::string out;
  out.reserve(256 + data.actors.size() * 160 + data.events.size() * 320);
  emit(data, options, out, [](std::string&) {});
  return out;
}

namespace {

std::size_t line_of(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<std::size_t>(
                 std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

// A SAX handler that reads the graph file straight into GraphData, without a DOM: a 1M-event
// file needs its text and the GraphData, not also a tree of every value. Unknown keys (and
// whatever object or array they hold) are skipped, so files from networkx and other tools load.
class GraphReader : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, GraphReader> {
 public:
  GraphData out;
  std::string error;  // set when the handler stopped the parse

  bool StartObject() {
    if (m_skip) return ++m_skip, true;
    if (m_stack.empty()) return push(Ctx::root);
    switch (top()) {
      case Ctx::root:
        if (m_key == "graph") return push(Ctx::graph);
        break;
      case Ctx::documents: out.documents.emplace_back(); return push(Ctx::document);
      case Ctx::nodes: out.actors.emplace_back(); m_node_id = false; return push(Ctx::node);
      case Ctx::links:
        m_link = Link{};
        ++m_link_count;
        return push(Ctx::link);
      case Ctx::provenance: m_link.event.provenance.emplace_back(); return push(Ctx::prov);
      default: break;
    }
    if (top() == Ctx::nodes || top() == Ctx::links) return fail("nodes and links must be objects");
    m_skip = 1;
    return true;
  }

  bool EndObject(rapidjson::SizeType) {
    if (m_skip) return --m_skip, true;
    const Ctx c = top();
    m_stack.pop_back();
    if (c == Ctx::node && !m_node_id)
      return fail(fmt::format("node {} has no \"id\"", out.actors.size() - 1));
    if (c == Ctx::link) return end_link();
    return true;
  }

  bool StartArray() {
    if (m_skip) return ++m_skip, true;
    if (!m_stack.empty()) {
      const Ctx c = top();
      if (c == Ctx::root && m_key == "nodes") return m_seen_nodes = true, push(Ctx::nodes);
      if (c == Ctx::root && (m_key == "links" || (m_key == "edges" && !m_seen_links)))
        return m_seen_links = true, push(Ctx::links);
      if (c == Ctx::graph && m_key == "documents") return push(Ctx::documents);
      if (c == Ctx::node && m_key == "aliases") return push(Ctx::aliases);
      if (c == Ctx::link && m_key == "provenance") return m_link.listed = true, push(Ctx::provenance);
    }
    m_skip = 1;
    return true;
  }

  bool EndArray(rapidjson::SizeType) {
    if (m_skip) return --m_skip, true;
    m_stack.pop_back();
    return true;
  }

  bool Key(const char* s, rapidjson::SizeType n, bool) {
    if (!m_skip) m_key.assign(s, n);
    return true;
  }

  bool String(const char* s, rapidjson::SizeType n, bool) { return scalar(std::string_view(s, n), {}, {}); }
  bool Int(int i) { return scalar({}, i, {}); }
  bool Uint(unsigned u) { return scalar({}, static_cast<std::int64_t>(u), {}); }
  bool Int64(std::int64_t i) { return scalar({}, i, {}); }
  bool Uint64(std::uint64_t u) { return scalar({}, static_cast<std::int64_t>(u), {}); }
  bool Double(double d) { return scalar({}, {}, d); }
  // Numbers arrive as text (kParseNumbersAsStringsFlag) and are converted here with
  // std::from_chars, which rounds correctly, so every double reads back bit for bit. RapidJSON
  // 1.1's own full-precision strtod reads out of bounds on numbers with hundreds of leading
  // zero decimals (found by tests/fuzz/fuzz_graph_json; regression input kept there).
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    const char* end = s + n;
    if (std::string_view(s, n).find_first_of(".eE") == std::string_view::npos) {
      std::int64_t i = 0;
      if (const auto r = std::from_chars(s, end, i); r.ec == std::errc{} && r.ptr == end) return Int64(i);
      std::uint64_t u = 0;
      if (const auto r = std::from_chars(s, end, u); r.ec == std::errc{} && r.ptr == end) return Uint64(u);
    }
    double d = 0.0;
    const auto r = std::from_chars(s, end, d);
    if (r.ptr != end) return false;
    if (r.ec == std::errc::result_out_of_range) {
      // Too large or too small for a double: read it as strtod does (infinity or zero).
      const bool negative = n > 0 && s[0] == '-';
      const auto e = std::string_view(s, n).find_first_of("eE");
      const bool huge = e != std::string_view::npos && e + 1 < n && s[e + 1] != '-';
      d = huge ? (negative ? -HUGE_VAL : HUGE_VAL) : (negative ? -0.0 : 0.0);
    } else if (r.ec != std::errc{}) {
      return false;
    }
    return Double(d);
  }
  bool Bool(bool b) {
    if (m_skip || m_stack.empty()) return true;
    if (top() == Ctx::link && m_key == "domestic") m_link.event.domestic = b;
    return true;
  }
  bool Null() { return true; }

  // After the parse: every link's ends must be nodes; events get their actors' names and codes.
  bool finish() {
    if (!m_seen_nodes) return fail("a graph file needs a \"nodes\" array");
    if (!m_seen_links) return fail("a graph file needs a \"links\" (or \"edges\") array");
    std::unordered_map<std::string_view, std::size_t> index;
    for (std::size_t i = 0; i < out.actors.size(); ++i)
      if (!index.emplace(out.actors[i].id, i).second)
        return fail(fmt::format("node \"{}\" appears twice", out.actors[i].id));
    auto resolve = [&](ActorRef& ref, std::size_t link) {
      auto it = index.find(ref.id);
      if (it == index.end()) {
        fail(fmt::format("link {} refers to a node that is not in \"nodes\" (\"{}\")", link, ref.id));
        return false;
      }
      ref.name = out.actors[it->second].name;
      ref.code = out.actors[it->second].code;
      return true;
    };
    for (std::size_t i = 0; i < out.events.size(); ++i)
      if (!resolve(out.events[i].source, m_event_link[i]) || !resolve(out.events[i].target, m_event_link[i]))
        return false;
    for (std::size_t i = 0; i < out.affiliations.size(); ++i)
      for (const std::string* id : {&out.affiliations[i].member, &out.affiliations[i].state})
        if (!index.contains(*id))
          return fail(fmt::format("link {} refers to a node that is not in \"nodes\" (\"{}\")",
                                  m_affiliation_link[i], *id));
    return true;
  }

 private:
  enum class Ctx { root, graph, documents, document, nodes, node, aliases, links, link, provenance, prov };
  struct Link {
    std::string type;
    Event event;
    Provenance flat;
    bool has_flat = false;
    bool listed = false;
  };

  Ctx top() const { return m_stack.back(); }
  bool push(Ctx c) {
    m_stack.push_back(c);
    return true;
  }
  bool fail(std::string message) {
    if (error.empty()) error = std::move(message);
    return false;
  }

  static std::string id_text(std::string_view s, std::optional<std::int64_t> i) {
    return i ? std::to_string(*i) : std::string(s);
  }

  bool scalar(std::string_view s, std::optional<std::int64_t> i, std::optional<double> d) {
    if (m_skip || m_stack.empty()) return true;
    const bool is_string = !i && !d;
    const std::string& k = m_key;
    switch (top()) {
      case Ctx::graph:
        if (k == "format_version") {
          if (!i) return fail("\"graph\".\"format_version\" must be an integer");
          if (*i > kGraphFormatVersion)
            return fail(fmt::format(
                "graph format version {} is newer than this diplograph reads ({}): upgrade diplograph",
                *i, kGraphFormatVersion));
        }
        break;
      case Ctx::document:
        if (is_string && k == "id") out.documents.back().id = s;
        if (is_string && k == "text_hash") out.documents.back().text_hash = s;
        break;
      case Ctx::node: {
        Actor& a = out.actors.back();
        if (k == "id") {
          if (!is_string && !i) return fail(fmt::format("node {}: \"id\" must be a string", out.actors.size() - 1));
          a.id = id_text(s, i);
          m_node_id = true;
        } else if (is_string) {
          if (k == "name") a.name = s;
          else if (k == "code") a.code = s;
          else if (k == "country") a.country = s;
          else if (k == "title") a.title = s;
          else if (k == "kind") a.kind = actor_kind_from_string(s).value_or(ActorKind::other);
        }
        break;
      }
      case Ctx::aliases:
        if (is_string) out.actors.back().aliases.emplace_back(s);
        break;
      case Ctx::link: {
        Event& e = m_link.event;
        if (k == "source" && (is_string || i)) e.source.id = id_text(s, i);
        else if (k == "target" && (is_string || i)) e.target.id = id_text(s, i);
        else if (is_string && k == "type") m_link.type = s;
        else if (is_string && k == "cameo") e.cameo = s;
        else if (is_string && k == "root") e.root = s;
        else if (is_string && k == "date") {
          e.date = Date::parse(s);
          if (!e.date) return fail(fmt::format("link {}: bad date \"{}\"", m_link_count - 1, s));
        } else if (i && k == "quad") e.quad = static_cast<int>(*i);
        else if ((i || d) && k == "goldstein") e.goldstein = d ? *d : static_cast<double>(*i);
        else if ((i || d) && k == "confidence") e.confidence = d ? *d : static_cast<double>(*i);
        else if (is_string && k == "doc") m_link.flat.doc = s, m_link.has_flat = true;
        else if (is_string && k == "evidence") m_link.flat.evidence = s;
        else if (i && *i >= 0 && k == "sentence") m_link.flat.sentence = static_cast<std::size_t>(*i);
        break;
      }
      case Ctx::prov: {
        Provenance& p = m_link.event.provenance.back();
        if (is_string && k == "doc") p.doc = s;
        else if (is_string && k == "evidence") p.evidence = s;
        else if (i && *i >= 0 && k == "sentence") p.sentence = static_cast<std::size_t>(*i);
        else if (i && *i >= 0 && k == "start") p.span.start = static_cast<std::size_t>(*i);
        else if (i && *i >= 0 && k == "end") p.span.end = static_cast<std::size_t>(*i);
        break;
      }
      default: break;
    }
    return true;
  }

  bool end_link() {
    const std::size_t k = m_link_count - 1;
    Event& e = m_link.event;
    if (e.source.id.empty() || e.target.id.empty())
      return fail(fmt::format("link {} needs \"source\" and \"target\"", k));
    if (m_link.type == "affiliation") {
      out.affiliations.push_back(Affiliation{std::move(e.source.id), std::move(e.target.id)});
      m_affiliation_link.push_back(k);
      return true;
    }
    if (e.cameo.empty()) return fail(fmt::format("event link {} has no \"cameo\" code", k));
    if (e.root.empty()) e.root = e.cameo.substr(0, 2);
    if (!m_link.listed && m_link.has_flat) e.provenance.push_back(std::move(m_link.flat));
    out.events.push_back(std::move(e));
    m_event_link.push_back(k);
    return true;
  }

  std::vector<Ctx> m_stack;
  std::string m_key;
  int m_skip = 0;
  bool m_seen_nodes = false;
  bool m_seen_links = false;
  bool m_node_id = false;
  Link m_link;
  std::size_t m_link_count = 0;
  std::vector<std::size_t> m_event_link;
  std::vector<std::size_t> m_affiliation_link;
};

}  // namespace

expected<GraphData, Error> parse_graph_json(std::string_view text, std::string_view file) {
  GraphReader handler;
  rapidjson::Reader reader;
  rapidjson::MemoryStream stream(text.data(), text.size());
  // Numbers as text, converted exactly by GraphReader::RawNumber.
  const rapidjson::ParseResult ok = reader.Parse<rapidjson::kParseNumbersAsStringsFlag>(stream, handler);
  if (!handler.error.empty()) return unexpected(Error{std::string(file), 0, 0, handler.error});
  if (!ok)
    return unexpected(Error{std::string(file), line_of(text, ok.Offset()), 0,
                            fmt::format("not JSON ({} at byte {})",
                                        rapidjson::GetParseError_En(ok.Code()), ok.Offset())});
  if (!handler.finish()) return unexpected(Error{std::string(file), 0, 0, handler.error});
  return std::move(handler.out);
}

expected<GraphData, Error> read_graph_json(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return unexpected(Error{path, 0, 0, "cannot open the file"});
  std::string text;
  char chunk[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) text.append(chunk, n);
  const bool bad = std::ferror(f) != 0;
  std::fclose(f);
  if (bad) return unexpected(Error{path, 0, 0, "cannot read the file"});
  return parse_graph_json(text, path);
}

expected<void, Error> write_graph_json(const std::string& path, const GraphData& data,
                                            const GraphJsonOptions& options) {
  // A device or FIFO (/dev/stdout, /dev/full, a named pipe) is written in place; a file goes to
  // PATH.tmp-PID, renamed over PATH only when every byte was written.
  const bool in_place = detail::is_special_file(path);
  const std::string tmp = in_place ? path : fmt::format("{}.tmp-{}", path, ::getpid());
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f)
    return unexpected(Error{path, 0, 0,
                            fmt::format("cannot create {}: {}",
                                        in_place ? "it" : "a temporary file next to it",
                                        std::strerror(errno))});
  // Streamed in chunks of about a megabyte: a 10M-event graph never sits in memory as text.
  bool ok = true;
  std::string out;
  auto flush = [&](std::string& chunk) {
    ok = ok && std::fwrite(chunk.data(), 1, chunk.size(), f) == chunk.size();
    chunk.clear();
  };
  emit(data, options, out, flush);
  flush(out);
  const int write_errno = ok ? 0 : errno;
  const bool closed = std::fclose(f) == 0;
  if (!ok || !closed) {
    const int why = ok ? errno : write_errno;
    if (!in_place) std::remove(tmp.c_str());
    return unexpected(Error{path, 0, 0, fmt::format("cannot write the file: {}", std::strerror(why))});
  }
  if (in_place) return {};
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    return unexpected(Error{path, 0, 0, "cannot rename the temporary file: " + ec.message()});
  }
  return {};
}

bool looks_like_graph_json(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t'))
    ++i;
  if (i >= text.size() || text[i] != '{') return false;
  const std::string_view head = text.substr(i, 4096);
  const std::size_t nodes = std::min(head.find("\"nodes\""), head.find("\"directed\""));
  return nodes != std::string_view::npos && nodes < head.find("\"type\"");
}

}  // namespace diplograph::io
