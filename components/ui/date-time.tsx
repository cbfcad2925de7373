// Formatted on the server in UTC so the text never depends on the server's local time zone.
const dateTimeFormat = new Intl.DateTimeFormat("en", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

// A machine-readable <time> with a human UTC label, for sync times and report dates.
export function DateTime({ value }: { value: Date }) {
  return <time dateTime={value.toISOString()}>{dateTimeFormat.format(value)} UTC</time>;
}
