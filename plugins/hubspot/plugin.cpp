// Registration of the HubSpot plugin: the shared CRM actions, with honest annotations.
#include "actions.hpp"

AH_PLUGIN("hubspot", "1.0.0", "HubSpot", "HubSpot CRM: contacts, deals and notes") {
  using namespace hubspot;
  plugin.action("create_contact", create_contact)
      .title("Create contact")
      .description("Creates a contact. An email already in use is refused, naming the contact "
                   "that has it.")
      .read_only(false)
      .destructive(false)
      .idempotent(false)
      .open_world();
  // Setting fields to given values twice leaves the same contact: idempotent, but the values
  // replaced are gone, so destructive.
  plugin.action("update_contact", update_contact)
      .title("Update contact")
      .description("Changes the given fields of a contact and returns the whole contact.")
      .read_only(false)
      .destructive(true)
      .idempotent(true)
      .open_world();
  plugin.action("search_contacts", search_contacts)
      .title("Search contacts")
      .description("Finds contacts by email, name or company (all given must match), one page "
                   "at a time.")
      .read_only()
      .open_world();
  plugin.action("fetch_recent_leads", fetch_recent_leads)
      .title("Fetch recent leads")
      .description("Lists contacts created or updated since a time, most recent first, one "
                   "page at a time.")
      .read_only()
      .open_world();
  plugin.action("create_deal", create_deal)
      .title("Create deal")
      .description("Creates a deal in the default pipeline, associated with the given contacts.")
      .read_only(false)
      .destructive(false)
      .idempotent(false)
      .open_world();
  plugin.action("log_note", log_note)
      .title("Log note")
      .description("Adds a note to a contact or a deal.")
      .read_only(false)
      .destructive(false)
      .idempotent(false)
      .open_world();
}
