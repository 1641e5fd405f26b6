/** English texts of "my tasks": what each complaint needs from the viewer, and by when. */

export const tasks = {
  /** The button that opens the complaint. */
  show: 'Open',
  /** A need and its due time: "Submit the 8D report — by 2026-03-11 09:30, due in 9 d". */
  line: '{{need}} — {{due}}',
  due: 'by {{at}}, {{left}}',
  /** An approval step's verb (ChainStep `as`). */
  verb: { approve: 'Approve', review: 'Review', sign: 'Sign' },
  need: {
    acknowledge: 'Acknowledge and give the customer a first response',
    contain: 'Take the containment measure',
    submit_8d: 'Submit the 8D report',
    send_8d: 'Send the 8D report to the customer',
    resolve: 'Carry out and record the resolution',
    revisit: 'Revisit the customer',
    contact_delayNotice: 'Tell the customer the reason and the new date (delay notice)',
    contact_containmentReport: 'Report the containment measure to the customer',
    contact_firstContact: 'Reach the customer for the first response',
    gm_decide: 'Decide the case: the customer was unsatisfied twice',
    recall_decide: 'Decide the recall: other shipped batches are affected',
    claim: '{{verb}} claim {{what}}',
    claimBare: '{{verb}} the claim',
    extension: '{{verb}} the extension to {{to}} ({{deadline}})',
    extensionBare: '{{verb}} the extension ({{deadline}})',
    downgrade: '{{verb}} the downgrade to {{grade}}',
    downgradeNotUrgent: '{{verb}} the downgrade to {{grade}}, no longer urgent',
    notUrgent: '{{verb}} dropping the urgent flag',
    solution: '{{verb}} the solution (8D report)',
  },
};
