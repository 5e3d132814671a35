// WeChat Pay through CloudBase cloud payment (cloud.cloudPay in wx-server-sdk, untyped there): the calls this
// function makes and the fields it reads of their answers (the SDK turns snake_case into camelCase both ways).
import { getCloud } from '../../_shared/cloud'

/** The sub-merchant (特约商户号) bound to the environment's cloud payment, set in the function's environment. */
export const subMchId = () => process.env.DUES_SUB_MCH_ID ?? ''
/** The function WeChat Pay calls with the result: this one. */
export const RESULT_FUNCTION = 'dues'

type Answer = { returnCode?: string; returnMsg?: string; resultCode?: string; errCodeDes?: string }

export type UnifiedOrder = Answer & {
  payment?: {
    timeStamp: string
    nonceStr: string
    package: string
    signType: 'MD5' | 'HMAC-SHA256' | 'RSA'
    paySign: string
  }
}

export type QueriedOrder = Answer & {
  /** SUCCESS, NOTPAY, PAYERROR, CLOSED, REFUND, USERPAYING, REVOKED. */
  tradeState?: string
  totalFee?: number
  transactionId?: string
  /** yyyyMMddHHmmss, Beijing time. */
  timeEnd?: string
}

type CloudPay = {
  unifiedOrder(p: {
    body: string
    outTradeNo: string
    spbillCreateIp: string
    subMchId: string
    totalFee: number
    envId: string
    functionName: string
    nonceStr: string
    tradeType: 'JSAPI'
  }): Promise<UnifiedOrder>
  queryOrder(p: { outTradeNo: string; subMchId: string; nonceStr: string }): Promise<QueriedOrder>
}

export const cloudPay = () => (getCloud() as unknown as { cloudPay: CloudPay }).cloudPay

export const succeeded = (a: Answer) => a.returnCode === 'SUCCESS' && a.resultCode === 'SUCCESS'
