// Cloud function `study`: 网上党校 — topics and items published by secretaries and the district, reading and
// quizzes recorded by members (one ledger action per member and item), completion by branch for officers.
import { studyInputs } from '../../../typings/study'
import { createMain } from '../../_shared/dispatcher'
import { editItem, withdrawItem } from './actions/manage'
import { createTopic, publish } from './actions/publish'
import { byBranch, list, members } from './actions/read'
import { detail, progress, submitQuiz } from './actions/reading'

export const main = createMain('study', studyInputs, {
  actions: {
    createTopic,
    publish,
    editItem,
    withdrawItem,
    list,
    detail,
    progress,
    submitQuiz,
    byBranch,
    members,
  },
})
