// An --outbox-command for the conformance kit, as a team would write one over
// its mail catcher: prints the latest message to $SSPR_USERNAME on
// $SSPR_CHANNEL (email or sms) as JSON, read here from the mock's outbox at
// $OUTBOX_URL; prints nothing when there is none.
const response = await fetch(process.env.OUTBOX_URL);
const { outbox } = await response.json();
const wanted = (process.env.SSPR_USERNAME ?? '').trim().toLowerCase();
const latest = outbox.filter((m) => m.username === wanted && m.channel === process.env.SSPR_CHANNEL).at(-1);
if (latest) process.stdout.write(`${JSON.stringify({ id: latest.id, to: latest.to, body: latest.body })}\n`);
