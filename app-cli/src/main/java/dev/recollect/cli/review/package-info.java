/** Reviews in the terminal: the next review, answers, an interactive quiz, and the learner's counts. */
package dev.recollect.cli.review;
