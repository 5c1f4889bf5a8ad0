#include "diplograph/io/graph_json.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <unordered_map>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fmt/format.h>

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
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::string_view str(const rapidjson::Value& o, const char* key) {
  auto it = o.FindMember(key);
  if (it == o.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

std::optional<std::uint64_t> uint_of(const rapidjson::Value& o, const char* key) {
  auto it = o.FindMember(key);
  if (it == o.MemberEnd() || !it->value.IsUint64()) return std::nullopt;
  return it->value.GetUint64();
}

}  // namespace

namespace {

// `buffer`, when given, is `text` itself, writable and null-terminated: the DOM is then built in
// place (strings point into it), which halves the memory a large graph file needs while read.
expected<GraphData, Error> parse(std::string_view text, char* buffer, std::string_view file) {
  auto fail = [&](std::string message, std::size_t line = 0) {
    return unexpected(Error{std::string(file), line, 0, std::move(message)});
  };
  rapidjson::Document d;
  // Full precision, so that every double reads back bit for bit.
  if (buffer)
    d.ParseInsitu<rapidjson::kParseFullPrecisionFlag>(buffer);
  else
    d.Parse<rapidjson::kParseFullPrecisionFlag>(text.data(), text.size());
  if (d.HasParseError())
    return fail(fmt::format("not JSON ({} at byte {})", rapidjson::GetParseError_En(d.GetParseError()),
                            d.GetErrorOffset()),
                line_of(text, d.GetErrorOffset()));
  if (!d.IsObject()) return fail("a graph file must be a JSON object");
  GraphData out;
  if (auto g = d.FindMember("graph"); g != d.MemberEnd() && g->value.IsObject()) {
    const auto& graph = g->value;
    if (auto v = graph.FindMember("format_version"); v != graph.MemberEnd()) {
      if (!v->value.IsInt()) return fail("\"graph\".\"format_version\" must be an integer");
      if (v->value.GetInt() > kGraphFormatVersion)
        return fail(fmt::format(
            "graph format version {} is newer than this diplograph reads ({}): upgrade diplograph",
            v->value.GetInt(), kGraphFormatVersion));
    }
    if (auto docs = graph.FindMember("documents");
        docs != graph.MemberEnd() && docs->value.IsArray())
      for (const auto& doc : docs->value.GetArray())
        if (doc.IsObject())
          out.documents.push_back(DocumentKey{std::string(str(doc, "id")), std::string(str(doc, "text_hash"))});
  }
  const auto nodes = d.FindMember("nodes");
  if (nodes == d.MemberEnd() || !nodes->value.IsArray())
    return fail("a graph file needs a \"nodes\" array");
  std::unordered_map<std::string_view, std::size_t> index;
  for (const auto& n : nodes->value.GetArray()) {
    if (!n.IsObject()) return fail(fmt::format("node {} is not an object", out.actors.size()));
    Actor a;
    auto id = n.FindMember("id");
    if (id == n.MemberEnd()) return fail(fmt::format("node {} has no \"id\"", out.actors.size()));
    if (id->value.IsString()) {
      a.id.assign(id->value.GetString(), id->value.GetStringLength());
    } else if (id->value.IsInt64()) {
      a.id = std::to_string(id->value.GetInt64());
    } else {
      return fail(fmt::format("node {}: \"id\" must be a string", out.actors.size()));
    }
    a.name = str(n, "name");
    a.code = str(n, "code");
    a.country = str(n, "country");
    a.title = str(n, "title");
    a.kind = actor_kind_from_string(str(n, "kind")).value_or(ActorKind::other);
    if (auto al = n.FindMember("aliases"); al != n.MemberEnd() && al->value.IsArray())
      for (const auto& x : al->value.GetArray())
        if (x.IsString()) a.aliases.emplace_back(x.GetString(), x.GetStringLength());
    out.actors.push_back(std::move(a));
  }
  for (std::size_t i = 0; i < out.actors.size(); ++i) {
    if (!index.emplace(out.actors[i].id, i).second)
      return fail(fmt::format("node \"{}\" appears twice", out.actors[i].id));
  }
  auto links = d.FindMember("links");
  if (links == d.MemberEnd()) links = d.FindMember("edges");
  if (links == d.MemberEnd() || !links->value.IsArray())
    return fail("a graph file needs a \"links\" (or \"edges\") array");
  std::size_t k = 0;
  for (const auto& l : links->value.GetArray()) {
    ++k;
    if (!l.IsObject()) return fail(fmt::format("link {} is not an object", k - 1));
    auto end_id = [&](const char* key) -> std::optional<std::string> {
      auto it = l.FindMember(key);
      if (it == l.MemberEnd()) return std::nullopt;
      if (it->value.IsString()) return std::string(it->value.GetString(), it->value.GetStringLength());
      if (it->value.IsInt64()) return std::to_string(it->value.GetInt64());
      return std::nullopt;
    };
    auto s = end_id("source");
    auto t = end_id("target");
    if (!s || !t) return fail(fmt::format("link {} needs \"source\" and \"target\"", k - 1));
    auto si = index.find(*s);
    auto ti = index.find(*t);
    if (si == index.end() || ti == index.end())
      return fail(fmt::format("link {} refers to a node that is not in \"nodes\" (\"{}\")", k - 1,
                              si == index.end() ? *s : *t));
    const std::string_view type = str(l, "type");
    if (type == "affiliation") {
      out.affiliations.push_back(Affiliation{*s, *t});
      continue;
    }
    Event e;
    const Actor& a = out.actors[si->second];
    const Actor& b = out.actors[ti->second];
    e.source = ActorRef{a.id, a.name, a.code};
    e.target = ActorRef{b.id, b.name, b.code};
    e.cameo = str(l, "cameo");
    if (e.cameo.empty()) return fail(fmt::format("event link {} has no \"cameo\" code", k - 1));
    e.root = str(l, "root");
    if (e.root.empty()) e.root = e.cameo.substr(0, 2);
    if (auto q = l.FindMember("quad"); q != l.MemberEnd() && q->value.IsInt()) e.quad = q->value.GetInt();
    if (auto q = l.FindMember("goldstein"); q != l.MemberEnd() && q->value.IsNumber())
      e.goldstein = q->value.GetDouble();
    if (auto q = l.FindMember("confidence"); q != l.MemberEnd() && q->value.IsNumber())
      e.confidence = q->value.GetDouble();
    if (auto q = l.FindMember("domestic"); q != l.MemberEnd() && q->value.IsBool())
      e.domestic = q->value.GetBool();
    if (const auto date = str(l, "date"); !date.empty()) {
      e.date = Date::parse(date);
      if (!e.date) return fail(fmt::format("link {}: bad date \"{}\"", k - 1, date));
    }
    if (auto p = l.FindMember("provenance"); p != l.MemberEnd() && p->value.IsArray()) {
      for (const auto& x : p->value.GetArray()) {
        if (!x.IsObject()) continue;
        Provenance pr;
        pr.doc = str(x, "doc");
        pr.sentence = uint_of(x, "sentence").value_or(0);
        pr.span = Span{uint_of(x, "start").value_or(0), uint_of(x, "end").value_or(0)};
        pr.evidence = str(x, "evidence");
        e.provenance.push_back(std::move(pr));
      }
    } else if (l.HasMember("doc")) {
      Provenance pr;
      pr.doc = str(l, "doc");
      pr.sentence = uint_of(l, "sentence").value_or(0);
      pr.evidence = str(l, "evidence");
      e.provenance.push_back(std::move(pr));
    }
    out.events.push_back(std::move(e));
  }
  return out;
}

std::optional<std::string> read_file_again(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return std::nullopt;
  std::string text;
  char chunk[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) text.append(chunk, n);
  std::fclose(f);
  return text;
}

}  // namespace

expected<GraphData, Error> parse_graph_json(std::string_view text, std::string_view file) {
  return parse(text, nullptr, file);
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
  auto data = parse(text, text.data(), path);
  if (data) return data;
  // In-place parsing has rewritten the text: read it again for an exact line in the message.
  auto fresh = read_file_again(path);
  return fresh ? parse_graph_json(*fresh, path) : data;
}

expected<void, Error> write_graph_json(const std::string& path, const GraphData& data,
                                            const GraphJsonOptions& options) {
  const std::string tmp = fmt::format("{}.tmp-{}", path, ::getpid());
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return unexpected(Error{path, 0, 0, "cannot create a temporary file next to it"});
  // Streamed in chunks of about a megabyte: a 10M-event graph never sits in memory as text.
  bool ok = true;
  std::string out;
  auto flush = [&](std::string& chunk) {
    ok = ok && std::fwrite(chunk.data(), 1, chunk.size(), f) == chunk.size();
    chunk.clear();
  };
  emit(data, options, out, flush);
  flush(out);
  const bool closed = std::fclose(f) == 0;
  if (!ok || !closed) {
    std::remove(tmp.c_str());
    return unexpected(Error{path, 0, 0, "cannot write the file (disk full?)"});
  }
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
