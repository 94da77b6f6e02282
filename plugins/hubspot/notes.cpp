#include "actions.hpp"
#include "api.hpp"

namespace hubspot {

namespace {

// HubSpot's default association type ids from a note to a contact and to a deal.
constexpr int kNoteToContact = 202;
constexpr int kNoteToDeal = 214;

// hs_note_body is rich text (HTML): plain text is escaped so it shows as written.
std::string html_text(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '\n':
      out += "<br>";
      break;
    default:
      out += c;
    }
  }
  return out;
}

} // namespace

crm::Note log_note(ah::Context& ctx, const crm::LogNoteIn& in) {
  crm::require_one_target(in);
  const std::string& target = in.contact_id ? *in.contact_id : *in.deal_id;
  std::string missing =
      in.contact_id ? crm::contact_not_found(target) : crm::deal_not_found(target);
  if (!valid_id(target))
    throw ah::ToolError(missing);
  // Associating with a missing record would fail only after the note exists; check first.
  require_record(ctx, std::string(in.contact_id ? kContacts : kDeals) + "/" + target, missing);

  auto props = ah::json::object();
  props->set("hs_timestamp", ah::DateTime::now().value); // required: when the note was taken
  props->set("hs_note_body", html_text(in.body));
  auto body = with_properties(props);
  auto associations = ah::json::array();
  associations->add(association(target, in.contact_id ? kNoteToContact : kNoteToDeal));
  body->set("associations", associations);
  auto response = ctx.proxy().post(kNotes, body);
  if (!response.ok())
    fail(response, "create the note", missing);
  crm::Note note;
  note.id = response.json_object()->get("id").toString();
  note.body = in.body;
  note.contact_id = in.contact_id;
  note.deal_id = in.deal_id;
  return note;
}

} // namespace hubspot
