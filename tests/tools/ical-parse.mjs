// Reads an iCalendar document on stdin, parses it with ical.js (strict RFC 5545 parser) and prints its events as JSON.
import ICAL from 'ical.js';
let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;
const component = new ICAL.Component(ICAL.parse(input));
// Register the document's own VTIMEZONEs so TZID times convert to UTC as a calendar client would.
for (const tz of component.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
const events = component.getAllSubcomponents('vevent').map(v => {
  const e = new ICAL.Event(v);
  return {
    uid: e.uid, summary: e.summary, description: e.description, location: e.location,
    start: e.startDate.toString(), end: e.endDate.toString(), isDate: e.startDate.isDate,
    timezone: e.startDate.timezone || null, startUtc: e.startDate.isDate ? null : e.startDate.toUnixTime(),
  };
});
console.log(JSON.stringify({ name: component.getFirstPropertyValue('x-wr-calname'), timezones: component.getAllSubcomponents('vtimezone').map(t => t.getFirstPropertyValue('tzid')), events }));
